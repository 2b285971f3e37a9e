"""Finding stories and reviews, always inside the caller's community."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import col, func, select

from bot.app.context import Ctx
from bot.app.registry import UserError, row_id
from bot.core.story import PRINCIPLE_IDS, Star
from bot.core.story_review import CRITERIA
from bot.features.story.tables import Story, StoryConfig, StoryReview
from bot.storage.tables import Member

DEFAULT_REVIEWS = 2
GONE = "That story is no longer available: its author deleted it."
STALE = "That button no longer works. Run the command again for a fresh one."


def reviews_wanted(ctx: Ctx) -> int:
    """Return how many reviews a story wants in this community."""
    row = ctx.session.get(StoryConfig, ctx.community_id)
    return row.reviews_wanted if row is not None else DEFAULT_REVIEWS


def set_reviews_wanted(ctx: Ctx, count: int) -> None:
    """Store how many reviews a story wants in this community."""
    row = ctx.session.get(StoryConfig, ctx.community_id)
    if row is None:
        ctx.session.add(StoryConfig(community_id=ctx.community_id, reviews_wanted=count))
    else:
        row.reviews_wanted = count


def to_int(raw: str) -> int:
    """Read a number carried by a button or a form, refusing anything forged."""
    value = row_id(raw)
    if value is None:
        raise UserError(STALE)
    return value


def story_in_community(ctx: Ctx, story_id: int) -> Story | None:
    """Return a story of this community by its id (deleted ones too), or None."""
    story = ctx.session.get(Story, story_id)
    if story is None or story.community_id != ctx.community_id:
        return None
    return story


def own_story(ctx: Ctx, raw_id: str) -> Story:
    """Return the caller's live story named by a button or form value."""
    story = story_in_community(ctx, to_int(raw_id))
    if story is None or story.member_id != ctx.member_id:
        raise UserError("That story is not one of yours. `/story mine` lists yours.")
    if story.deleted_at is not None:
        raise UserError(f"Story #{story.number} was deleted.")
    return story


def story_by_number(ctx: Ctx, number: int) -> Story:
    """Return the caller's live story by the number they know it by."""
    story = ctx.session.exec(
        select(Story).where(
            Story.community_id == ctx.community_id,
            Story.member_id == ctx.member_id,
            Story.number == number,
        )
    ).first()
    if story is None:
        raise UserError(f"You have no story #{number}. `/story mine` lists yours.")
    if story.deleted_at is not None:
        raise UserError(f"Story #{number} was deleted.")
    return story


def member_stories(ctx: Ctx, member_id: int | None = None) -> list[Story]:
    """Return a member's live stories in this community, by number."""
    query = select(Story).where(
        Story.community_id == ctx.community_id,
        Story.member_id == (ctx.member_id if member_id is None else member_id),
        col(Story.deleted_at).is_(None),
    )
    return list(ctx.session.exec(query.order_by(col(Story.number))))


def next_number(ctx: Ctx) -> int:
    """Return the number the caller's next story gets (deleted numbers are never reused)."""
    query = select(func.max(Story.number)).where(
        Story.community_id == ctx.community_id, Story.member_id == ctx.member_id
    )
    return int(ctx.session.exec(query).one() or 0) + 1


def done_reviews(ctx: Ctx, story_ids: Iterable[int]) -> dict[int, list[StoryReview]]:
    """Return the finished reviews of the given stories, oldest first, by story id."""
    ids = list(story_ids)
    found: dict[int, list[StoryReview]] = {story_id: [] for story_id in ids}
    if not ids:
        return found
    query = select(StoryReview).where(
        StoryReview.community_id == ctx.community_id,
        col(StoryReview.story_id).in_(ids),
        StoryReview.status == "done",
    )
    for review in ctx.session.exec(query.order_by(col(StoryReview.id))):
        found[review.story_id].append(review)
    return found


def scores(review: StoryReview) -> dict[str, int]:
    """Return a finished review's scores by criterion."""
    return {name: int(getattr(review, name) or 0) for name in CRITERIA}


def star_of(story: Story) -> Star:
    """Return the story's four parts as the core sees them."""
    return Star(story.situation, story.task, story.action, story.result)


def principles_of(story: Story) -> tuple[str, ...]:
    """Return the story's principle ids (known ones only)."""
    return tuple(p for p in story.principles.split(",") if p in PRINCIPLE_IDS)


def member_of(ctx: Ctx, member_id: int | None) -> Member | None:
    """Return a member of this community by id."""
    member = ctx.session.get(Member, member_id) if member_id is not None else None
    return member if member is not None and member.community_id == ctx.community_id else None


def story_id(story: Story) -> int:
    """Return a saved story's id."""
    assert story.id is not None
    return story.id


def blank(row: Any, *names: str) -> None:
    """Set the named text columns of a row to empty strings."""
    for name in names:
        setattr(row, name, "")
