"""Deleting stories, and `/profile forget`: remove a member's own text from this community."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, update
from sqlmodel import col, select

from bot.core.cards import Button, Card, Reply, Style
from bot.services.context import Ctx
from bot.services.registry import REGISTRY, Args, UserError
from bot.services.story_store import blank, story_id, to_int
from bot.storage.tables import Answer, DailyPost
from bot.storage.tables_story import Story, StoryReview

# Other features add what they keep of a member's text: each hook erases it and says what.
ForgetHook = Callable[[Ctx], str]
FORGET_HOOKS: list[ForgetHook] = []

FORGET_TEXT = (
    "This deletes, in this community only: your stories, the comments of the reviews you wrote "
    "(their scores stay, with no name, so other members' averages stay true) and the text of "
    "your daily answers. Your points stay. It cannot be undone; nothing happens unless you "
    "press the button."
)


def erase_story(ctx: Ctx, story: Story) -> None:
    """Blank a story for good and drop its reviews; the empty row keeps its number taken."""
    blank(story, "title", "principles", *("situation", "task", "action", "result"))
    story.ready_at = None
    story.deleted_at = story.updated_at = ctx.clock.now()
    ctx.session.execute(
        delete(StoryReview).where(
            col(StoryReview.community_id) == ctx.community_id,
            col(StoryReview.story_id) == story_id(story),
        )
    )


def forget_stories(ctx: Ctx) -> int:
    """Delete every story of the caller in this community, with the reviews of them."""
    mine = select(Story.id).where(
        Story.community_id == ctx.community_id, Story.member_id == ctx.member_id
    )
    ids = [i for i in ctx.session.exec(mine) if i is not None]
    live = ctx.session.exec(
        select(Story.id).where(col(Story.id).in_(ids), col(Story.deleted_at).is_(None))
    ).all()
    scope = col(StoryReview.community_id) == ctx.community_id
    ctx.session.execute(delete(StoryReview).where(scope, col(StoryReview.story_id).in_(ids)))
    ctx.session.execute(
        delete(Story).where(col(Story.community_id) == ctx.community_id, col(Story.id).in_(ids))
    )
    return len(live)


def forget_reviews(ctx: Ctx) -> int:
    """Blank and unname the caller's finished reviews; drop their open and skipped ones."""
    mine = (
        col(StoryReview.community_id) == ctx.community_id,
        col(StoryReview.reviewer_id) == ctx.member_id,
    )
    ctx.session.execute(delete(StoryReview).where(*mine, col(StoryReview.status) != "done"))
    result = ctx.session.execute(
        update(StoryReview).where(*mine).values(comments="", reviewer_id=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def forget_answers(ctx: Ctx) -> int:
    """Blank the text of the caller's daily answers in this community (the rows keep points)."""
    posts = select(DailyPost.id).where(DailyPost.community_id == ctx.community_id)
    result = ctx.session.execute(
        update(Answer)
        .where(col(Answer.member_id) == ctx.member_id, col(Answer.post_id).in_(posts))
        .values(text="")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


@REGISTRY.command("profile", "forget", "Delete your stories, reviews' text and answers here")
def ask_forget(ctx: Ctx, _args: Args) -> Reply:
    button = Button("Forget my data", "profile.forget", str(ctx.member_id), Style.DANGER)
    return Reply.ephemeral(Card("Forget your data?", FORGET_TEXT, buttons=(button,)))


@REGISTRY.action("profile.forget")
def forget(ctx: Ctx, value: str) -> Reply:
    if to_int(value) != ctx.member_id:
        raise UserError("That button belongs to someone else. Run `/profile forget` yourself.")
    stories, reviews, answers = forget_stories(ctx), forget_reviews(ctx), forget_answers(ctx)
    lines = [
        f"Deleted {_count(stories, 'story', 'stories')}, the comments of "
        f"{_count(reviews, 'review', 'reviews')} you wrote and the text of "
        f"{_count(answers, 'daily answer', 'daily answers')}.",
        *(hook(ctx) for hook in FORGET_HOOKS),
        "Your points stay. Other communities you are in are not touched.",
    ]
    return Reply.note("\n".join(line for line in lines if line), title="Done: your data is gone")
