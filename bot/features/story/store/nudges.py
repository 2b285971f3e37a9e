"""The queries of story nudges: volunteers, offers to them, held and reminded reviews.

`NudgeStore(session, community_id)` works inside one community; the module functions are the
scheduler's finders' look across communities: within a window of time, or at offers not sent.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, delete, or_
from sqlalchemy import select as sa_select  # five columns: more than sqlmodel's select types
from sqlmodel import col, func, select

from bot.core.story_nudges import Volunteer
from bot.core.story_review import Candidate, Slot
from bot.features.story.tables import Story, StoryOffer, StoryReview
from bot.storage.tables import Community, Member
from bot.storage.uow import Session


def zone_of(member: Member, community: Community) -> str:
    """Return the member's time zone, or the community's when they have not set one."""
    return member.timezone or community.timezone


class NudgeStore:
    """Offers, reminders and review times of one community."""

    def __init__(self, session: Session, community_id: int) -> None:
        self.session = session
        self.community_id = community_id

    def community(self) -> Community | None:
        """Return this community."""
        return self.session.get(Community, self.community_id)

    def volunteers(self, since: datetime) -> list[Volunteer]:
        """Return the members who opted in as reviewers, with their reviews since a moment."""
        rows = self.session.execute(
            _VOLUNTEERS, {"community": self.community_id, "since": since}
        ).all()
        return [Volunteer(int(m), int(n)) for m, n in rows if m is not None]

    def offered_to(self, story_id: int) -> set[int]:
        """Return who was already offered a story."""
        query = select(StoryOffer.reviewer_id).where(
            StoryOffer.community_id == self.community_id, StoryOffer.story_id == story_id
        )
        return set(self.session.exec(query))

    def add_offer(self, offer: StoryOffer) -> None:
        """Keep a new offer."""
        self.session.add(offer)

    def offer(self, offer_id: int) -> StoryOffer | None:
        """Return an offer of this community by id, or None."""
        offer = self.session.get(StoryOffer, offer_id)
        return offer if offer is not None and offer.community_id == self.community_id else None

    def review(self, review_id: int) -> StoryReview | None:
        """Return a review row of this community by id, or None."""
        row = self.session.get(StoryReview, review_id)
        return row if row is not None and row.community_id == self.community_id else None

    def drop_offers(self, *, story_ids: list[int], reviewer_id: int | None = None) -> None:
        """Delete the offers of these stories, and to this reviewer when one is given."""
        whose: list[ColumnElement[bool]] = [col(StoryOffer.story_id).in_(story_ids)]
        if reviewer_id is not None:
            whose.append(col(StoryOffer.reviewer_id) == reviewer_id)
        self.session.execute(
            delete(StoryOffer).where(col(StoryOffer.community_id) == self.community_id, or_(*whose))
        )


_SLOTS = sa_select(
    col(StoryReview.story_id),
    col(StoryReview.reviewer_id),
    col(StoryReview.status),
    col(StoryReview.assigned_at),
    col(StoryReview.taken_at),
).where(col(StoryReview.story_id).in_(bindparam("stories", expanding=True)))


@cache
def _ready_query(one_community: bool, within: bool) -> Any:
    """The live ready stories' query, built once per shape (the scheduler asks it every tick)."""
    query = select(Story.id, Story.member_id, Story.ready_at, Story.community_id).where(
        col(Story.ready_at).is_not(None), col(Story.deleted_at).is_(None)
    )
    if one_community:
        query = query.where(Story.community_id == bindparam("community"))
    if within:
        query = query.where(
            col(Story.ready_at) >= bindparam("start"), col(Story.ready_at) <= bindparam("end")
        )
    return query


def communities_with_ready(session: Session, community_ids: Collection[int]) -> set[int]:
    """Those of these communities with at least one live ready story."""
    if not community_ids:
        return set()
    rows = session.execute(_READY_IN, {"communities": sorted(community_ids)})
    return {int(community_id) for (community_id,) in rows}


_READY_IN = (  # built once: the scheduler asks it every tick in the line's hours
    select(Story.community_id)
    .where(
        col(Story.ready_at).is_not(None),
        col(Story.deleted_at).is_(None),
        col(Story.community_id).in_(bindparam("communities", expanding=True)),
    )
    .distinct()
)


def ready_candidates(
    session: Session,
    *,
    community_id: int | None = None,
    ready_within: tuple[datetime, datetime] | None = None,
) -> list[tuple[Candidate, int]]:
    """Live ready stories as the review rules see them (no text read), with their community.

    One community's, or every community's that became ready within [start, end].
    """
    params: dict[str, object] = {}
    if community_id is not None:
        params["community"] = community_id
    if ready_within is not None:
        params["start"], params["end"] = ready_within
    query = _ready_query(community_id is not None, ready_within is not None)
    stories = [row for row in session.exec(query, params=params).all() if row[0] is not None]
    slots: dict[int, list[Slot]] = {int(row[0]): [] for row in stories}
    if slots:
        rows = session.execute(_SLOTS, {"stories": list(slots)}).all()
        for story, reviewer, status, assigned, taken in rows:
            slots[story].append(Slot(reviewer, status, assigned, taken))
    return [
        (Candidate(int(sid), author, ready, tuple(slots[int(sid)])), community)
        for sid, author, ready, community in stories
        if ready is not None
    ]


_DONE_SINCE = (
    select(StoryReview.reviewer_id, func.count().label("n"))
    .where(
        StoryReview.community_id == bindparam("community"),
        StoryReview.status == "done",
        col(StoryReview.reviewed_at) >= bindparam("since"),
    )
    .group_by(col(StoryReview.reviewer_id))
    .subquery()
)
_VOLUNTEERS = (  # built once: the offer finder asks it every tick while a story waits
    select(Member.id, func.coalesce(_DONE_SINCE.c.n, 0))
    .outerjoin(_DONE_SINCE, _DONE_SINCE.c.reviewer_id == Member.id)
    .where(Member.community_id == bindparam("community"), col(Member.reviewer).is_(True))
)

# The finders' queries, built once with the moments as parameters (asked every tick).
_UNSENT_OFFERS = (
    select(StoryOffer, Member, Community)
    .join(Member, col(Member.id) == StoryOffer.reviewer_id)
    .join(Community, col(Community.id) == StoryOffer.community_id)
    .where(col(StoryOffer.sent_at).is_(None))
)
_HELD_REVIEWS = (
    select(StoryReview, Member, Community)
    .join(Member, col(Member.id) == StoryReview.reviewer_id)
    .join(Community, col(Community.id) == StoryReview.community_id)
    .where(
        StoryReview.status == "open",
        col(StoryReview.reminded_at).is_(None),
        col(StoryReview.taken_at) >= bindparam("after"),
        col(StoryReview.taken_at) <= bindparam("before"),
    )
)
_REMINDED_REVIEWS = (
    select(StoryReview, Community)
    .join(Community, col(Community.id) == StoryReview.community_id)
    .where(
        StoryReview.status == "open",
        col(StoryReview.reminded_at) >= bindparam("after"),
        col(StoryReview.reminded_at) <= bindparam("before"),
    )
)


def unsent_offers(session: Session) -> list[tuple[StoryOffer, Member, Community]]:
    """Offers chosen but not yet sent, with their reviewer and community."""
    return list(session.exec(_UNSENT_OFFERS).all())


def held_reviews(
    session: Session, *, taken_after: datetime, taken_before: datetime
) -> list[tuple[StoryReview, Member, Community]]:
    """Open, taken, not yet reminded reviews taken within the window, with their reviewer."""
    params = {"after": taken_after, "before": taken_before}
    return list(session.exec(_HELD_REVIEWS, params=params).all())


def reminded_reviews(
    session: Session, *, reminded_after: datetime, reminded_before: datetime
) -> list[tuple[StoryReview, Community]]:
    """Open reviews whose reminder went out within the window."""
    params = {"after": reminded_after, "before": reminded_before}
    return list(session.exec(_REMINDED_REVIEWS, params=params).all())
