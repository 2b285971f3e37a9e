"""Deleting stories, and the story part of `/profile forget`."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlmodel import col, select

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.core.words import plural
from bot.features.story.store import blank, story_id
from bot.features.story.tables import Story, StoryReview


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


def forget(ctx: Ctx) -> Forgotten:
    """Delete the caller's stories and unname their reviews; say how many of each."""
    stories, reviews = forget_stories(ctx), forget_reviews(ctx)
    counted = (
        (stories, plural(stories, "story", "stories")),
        (reviews, f"the comments of {plural(reviews, 'story review')} you wrote"),
    )
    return Forgotten(tuple(words for count, words in counted if count))
