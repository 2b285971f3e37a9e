"""Which waiting story a reviewer gets next, chosen by the database from ids and times only.

The same rule as bot/core/story_review.py's `pick_for_review`, written as one query so that
`/story review` never reads the text of the stories it passes over: the fewest reviews done or
in progress first, then the longest wait, then the author this reviewer has reviewed least,
then the lowest id. tests/features/story/test_picking.py holds the two to the same choices.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, case, func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import col

from bot.core.story_review import ASSIGNMENT_HOURS, TAKEN_HOLD_LIMIT
from bot.features.story.tables import Story, StoryReview
from bot.storage.uow import Session

COMMUNITY: Any = bindparam("community_id")
REVIEWER: Any = bindparam("reviewer_id")
WANTED: Any = bindparam("wanted")
OFFERED_SINCE: Any = bindparam("offered_since")
TAKEN_SINCE: Any = bindparam("taken_since")


def _holding() -> Any:
    """A review row that counts against a story's wanted reviews: done, or open and held."""
    held = or_(
        and_(col(StoryReview.taken_at).is_(None), col(StoryReview.assigned_at) > OFFERED_SINCE),
        and_(col(StoryReview.taken_at).is_not(None), col(StoryReview.taken_at) > TAKEN_SINCE),
    )
    return or_(col(StoryReview.status) == "done", and_(col(StoryReview.status) == "open", held))


def pick_story(
    session: Session, community_id: int, reviewer_id: int, *, wanted: int, now: datetime
) -> int | None:
    """Return the id of the story this reviewer should review next, or None.

    First among the stories nobody holds (read in the order they became ready, so the
    database stops at the first few), then among the few that have review rows.
    """
    params = {
        "community_id": community_id,
        "reviewer_id": reviewer_id,
        "wanted": wanted,
        "offered_since": now - timedelta(hours=ASSIGNMENT_HOURS),
        "taken_since": now - TAKEN_HOLD_LIMIT,
    }
    for query in (UNTOUCHED, HELD):
        found = session.execute(query, params).scalar()
        if found is not None:
            return int(found)
    return None


def _live() -> tuple[Any, ...]:
    return (
        col(Story.community_id) == COMMUNITY,
        col(Story.deleted_at).is_(None),
        col(Story.ready_at).is_not(None),
    )


def _seen() -> Any:
    """How many live stories of the outer story's author this reviewer finished reviewing."""
    other = aliased(Story)
    return (
        sa_select(func.count())
        .select_from(StoryReview)
        .join(other, col(other.id) == col(StoryReview.story_id))
        .where(
            col(StoryReview.community_id) == COMMUNITY,
            col(StoryReview.reviewer_id) == REVIEWER,
            col(StoryReview.status) == "done",
            col(other.member_id) == col(Story.member_id),
            col(other.deleted_at).is_(None),
            col(other.ready_at).is_not(None),
        )
        .scalar_subquery()
    )


def _untouched() -> Any:
    """The eligible story with no review done or held, that waited longest."""
    claimed = (
        sa_select(col(StoryReview.id))
        .where(
            col(StoryReview.story_id) == col(Story.id),
            or_(col(StoryReview.reviewer_id) == REVIEWER, _holding()),
        )
        .exists()
    )
    return (
        sa_select(col(Story.id))
        .where(*_live(), col(Story.member_id) != REVIEWER, ~claimed)
        .order_by(col(Story.ready_at), _seen(), col(Story.id))
        .limit(1)
    )


def _held() -> Any:
    """The eligible story with the fewest reviews done or held (at least one), by the rule."""
    slots = (
        sa_select(
            col(StoryReview.story_id).label("story_id"),
            func.sum(case((_holding(), 1), else_=0)).label("pending"),
            func.max(case((col(StoryReview.reviewer_id) == REVIEWER, 1), else_=0)).label("mine"),
        )
        .where(col(StoryReview.community_id) == COMMUNITY)
        .group_by(col(StoryReview.story_id))
        .subquery()
    )
    return (
        sa_select(col(Story.id))
        .join(slots, slots.c.story_id == col(Story.id))
        .where(
            *_live(),
            col(Story.member_id) != REVIEWER,
            slots.c.mine == 0,
            slots.c.pending < WANTED,
        )
        .order_by(slots.c.pending, col(Story.ready_at), _seen(), col(Story.id))
        .limit(1)
    )


# Built once: each `/story review` only binds its values (and hits the compiled-SQL cache).
UNTOUCHED, HELD = _untouched(), _held()
