"""`/profile forget`: erase what a member wrote and who they are from one community."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlmodel import col, select

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, row_id
from bot.core.cards import Button, Card, Message, Reply, Style, Visibility
from bot.core.words import plural
from bot.features.mock.forget import MockErased, forget_mock
from bot.features.story.forget import forget_reviews, forget_stories
from bot.storage.tables import Answer, DailyPost, LedgerEntry, Member
from bot.storage.tables_sprints import (
    JobClaim,
    PracticePref,
    ReviewState,
    Score,
    Sprint,
    StreakState,
)

ROUTES = Registry()

# A forgotten member's row stays (anonymous) so that scores they gave others stay counted.
FORGOTTEN = "forgotten:"

WHAT_STAYS = (
    "What stays: messages already posted in channels and direct messages (PrepLoop cannot "
    "unsend them), and the rubric scores of reviews and mock feedback, with no name, so other "
    "members' averages stay true."
)
FORGET_TEXT = (
    "This erases, in this community only: your stories; the text of your daily answers; the "
    "comments of the story reviews you wrote; the comments of mock feedback you gave or "
    "received; your mock profile and requests; your self-ratings and practice settings; your "
    "points and streak; your name and time zone. Any upcoming mock is called off and your "
    f"partner told.\n{WHAT_STAYS}\n"
    "It cannot be undone; nothing happens unless you press the button."
)


@ROUTES.command("profile", "forget", "Erase what you wrote and who you are in this community")
def ask_forget(ctx: Ctx, _: NoOptions) -> Reply:
    button = Button("Forget my data", "profile.forget", str(ctx.member_id), Style.DANGER)
    return Reply.ephemeral(Card("Forget your data?", FORGET_TEXT, buttons=(button,)))


@ROUTES.action("profile.forget")
def forget(ctx: Ctx, value: str) -> Reply:
    """Erase the caller from this community and tell them what went and what stays."""
    if row_id(value) != ctx.member_id:
        if _already_forgotten(ctx, value):
            return Reply.note("Your data here is already forgotten.")
        raise UserError("That button belongs to someone else. Run `/profile forget` yourself.")
    stories, reviews = forget_stories(ctx), forget_reviews(ctx)
    answers, mock = forget_answers(ctx), forget_mock(ctx)
    forget_practice(ctx)
    forget_points(ctx)
    forget_identity(ctx)
    lines = [_erased(stories, reviews, answers, mock)]
    if mock.messages:
        lines.append("Your upcoming mock is called off; your partner was told.")
    lines += [WHAT_STAYS, "Other communities you are in are not touched."]
    card = Card(title="Done: your data is gone", text="\n".join(lines))
    return Reply([Message(card, Visibility.EPHEMERAL), *mock.messages])


def _erased(stories: int, reviews: int, answers: int, mock: MockErased) -> str:
    """Say what was erased, leaving out what the member never had."""
    counted = (
        (stories, plural(stories, "story", "stories")),
        (reviews, f"the comments of {plural(reviews, 'story review')} you wrote"),
        (answers, f"the text of {plural(answers, 'daily answer')}"),
        (mock.feedback, f"the comments of {plural(mock.feedback, 'mock feedback form')}"),
        (mock.profile, "your mock profile"),
    )
    erased = [words for count, words in counted if count]
    erased.append("your self-ratings, practice settings, points and streak, name and time zone")
    return f"Erased in this community: {', '.join(erased)}."


def forget_answers(ctx: Ctx) -> int:
    """Blank the text of the caller's daily answers in this community (the rows keep counts)."""
    posts = select(DailyPost.id).where(DailyPost.community_id == ctx.community_id)
    result = ctx.session.execute(
        update(Answer)
        .where(col(Answer.member_id) == ctx.member_id, col(Answer.post_id).in_(posts))
        .values(text="")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def forget_practice(ctx: Ctx) -> None:
    """Delete the caller's self-ratings, practice settings and streak here."""
    for table in (ReviewState, PracticePref, StreakState):
        ctx.session.execute(
            delete(table).where(
                col(table.community_id) == ctx.community_id,
                col(table.member_id) == ctx.member_id,
            )
        )
    # A practice DM that failed records why, and the platform's reason may name the member.
    ctx.session.execute(
        update(JobClaim)
        .where(
            col(JobClaim.community_id) == ctx.community_id,
            col(JobClaim.channel_id) == f"dm:{ctx.member_id}",
        )
        .values(outcome="")
    )


def forget_points(ctx: Ctx) -> None:
    """Delete the caller's awards and totals: no one else's total depends on them."""
    for table in (LedgerEntry, Score):
        ctx.session.execute(
            delete(table).where(
                col(table.community_id) == ctx.community_id,
                col(table.member_id) == ctx.member_id,
            )
        )


def forget_identity(ctx: Ctx) -> None:
    """Unname the caller's row, so their next visit starts a new member."""
    ctx.session.execute(
        update(Sprint)
        .where(
            col(Sprint.community_id) == ctx.community_id,
            col(Sprint.created_by) == ctx.actor.user_id,
        )
        .values(created_by="")
    )
    member = ctx.member
    member.external_id = f"{FORGOTTEN}{ctx.member_id}"
    member.display_name, member.timezone = "", None


def _already_forgotten(ctx: Ctx, value: str) -> bool:
    found = row_id(value)
    member = None if found is None else ctx.session.get(Member, found)
    return (
        member is not None
        and member.community_id == ctx.community_id
        and member.external_id.startswith(FORGOTTEN)
    )
