"""The story feature's store: every query of stories, reviews and the review setting.

`StoryStore(session, community_id)` runs each query inside one community; handlers get it with
`ctx.store(StoryStore)`. Tests hand in tests/features/story/fakes.py's FakeStoryStore instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, update
from sqlmodel import col, func, select

from bot.core.points import Reason
from bot.core.story_review import Candidate
from bot.features.leaderboard.api import award, award_periods_in
from bot.features.limits.api import story_cap
from bot.features.story.store.nudges import ready_candidates
from bot.features.story.store.picking import pick_story
from bot.features.story.tables import Story, StoryConfig, StoryReview
from bot.storage.tables import Member
from bot.storage.uow import Session

if TYPE_CHECKING:
    from bot.app.context import Ctx

DEFAULT_REVIEWS = 2


class StoryStore:
    """Stories, their reviews and the review setting of one community."""

    def __init__(self, session: Session, community_id: int) -> None:
        self.session = session
        self.community_id = community_id

    def reviews_wanted(self) -> int:
        """Return how many reviews a story wants in this community."""
        row = self.session.get(StoryConfig, self.community_id)
        return row.reviews_wanted if row is not None else DEFAULT_REVIEWS

    def set_reviews_wanted(self, count: int) -> None:
        """Store how many reviews a story wants in this community."""
        row = self.session.get(StoryConfig, self.community_id)
        if row is None:
            self.session.add(StoryConfig(community_id=self.community_id, reviews_wanted=count))
        else:
            row.reviews_wanted = count

    def story(self, story_id: int) -> Story | None:
        """Return a story of this community by its id (deleted ones too), or None."""
        story = self.session.get(Story, story_id)
        return story if story is not None and story.community_id == self.community_id else None

    def numbered(self, member_id: int, number: int) -> Story | None:
        """Return a member's story by the number they know it by (deleted ones too), or None."""
        query = select(Story).where(
            Story.community_id == self.community_id,
            Story.member_id == member_id,
            Story.number == number,
        )
        return self.session.exec(query).first()

    def stories_of(self, member_id: int) -> list[Story]:
        """Return a member's live stories, by number."""
        query = select(Story).where(
            Story.community_id == self.community_id,
            Story.member_id == member_id,
            col(Story.deleted_at).is_(None),
        )
        return list(self.session.exec(query.order_by(col(Story.number))))

    def all_stories_of(self, member_id: int) -> list[Story]:
        """Return every story of a member, deleted ones too."""
        query = select(Story).where(
            Story.community_id == self.community_id, Story.member_id == member_id
        )
        return list(self.session.exec(query))

    def written_between(self, member_id: int, start: datetime, end: datetime) -> int:
        """How many of a member's live stories were first saved from `start` until before `end`."""
        query = select(func.count()).where(
            Story.community_id == self.community_id,
            Story.member_id == member_id,
            col(Story.deleted_at).is_(None),
            col(Story.created_at) >= start,
            col(Story.created_at) < end,
        )
        return int(self.session.exec(query).one())

    def next_number(self, member_id: int) -> int:
        """Return the number a member's next story gets (deleted numbers are never reused)."""
        query = select(func.max(Story.number)).where(
            Story.community_id == self.community_id, Story.member_id == member_id
        )
        return int(self.session.exec(query).one() or 0) + 1

    def ready_stories(self) -> list[Story]:
        """Return the live stories whose four parts are written: the ones reviews are for."""
        query = select(Story).where(
            Story.community_id == self.community_id,
            col(Story.ready_at).is_not(None),
            col(Story.deleted_at).is_(None),
        )
        return list(self.session.exec(query))

    def pick_for_review(self, reviewer_id: int, *, wanted: int, now: datetime) -> int | None:
        """Return the id of the waiting story this reviewer should get next (texts unread)."""
        return pick_story(self.session, self.community_id, reviewer_id, wanted=wanted, now=now)

    def waiting(self) -> list[Candidate]:
        """Return the live ready stories as the review rules see them: ids and times, no text."""
        found = ready_candidates(self.session, community_id=self.community_id)
        return [candidate for candidate, _ in found]

    def live_count(self, member_id: int) -> int:
        """Return how many live stories (drafts included) a member has."""
        query = select(func.count()).where(
            Story.community_id == self.community_id,
            Story.member_id == member_id,
            col(Story.deleted_at).is_(None),
        )
        return int(self.session.exec(query).one())

    def story_cap(self) -> int:
        """Return how many live stories each member of this community may keep."""
        return story_cap(self.session, self.community_id)

    def save_story(self, story: Story) -> None:
        """Save a new or changed story now, so that it has its id."""
        self.session.add(story)
        self.session.flush()

    def done_reviews(self, story_ids: Iterable[int]) -> dict[int, list[StoryReview]]:
        """Return the finished reviews of the given stories, oldest first, by story id."""
        ids = list(story_ids)
        found: dict[int, list[StoryReview]] = {story_id: [] for story_id in ids}
        if not ids:
            return found
        query = select(StoryReview).where(
            StoryReview.community_id == self.community_id,
            col(StoryReview.story_id).in_(ids),
            StoryReview.status == "done",
        )
        for review in self.session.exec(query.order_by(col(StoryReview.id))):
            found[review.story_id].append(review)
        return found

    def reviews_of(self, story_ids: list[int]) -> dict[int, list[StoryReview]]:
        """Return every review row (open, skipped, done) of the given stories, by story id."""
        found: dict[int, list[StoryReview]] = {i: [] for i in story_ids}
        query = select(StoryReview).where(
            StoryReview.community_id == self.community_id,
            col(StoryReview.story_id).in_(story_ids),
        )
        for row in self.session.exec(query):
            found[row.story_id].append(row)
        return found

    def review(self, review_id: int) -> StoryReview | None:
        """Return a review of this community by its id, or None."""
        row = self.session.get(StoryReview, review_id)
        return row if row is not None and row.community_id == self.community_id else None

    def open_assignments(self, reviewer_id: int) -> list[StoryReview]:
        """Return the reviewer's open assignments."""
        query = select(StoryReview).where(
            StoryReview.community_id == self.community_id,
            StoryReview.reviewer_id == reviewer_id,
            StoryReview.status == "open",
        )
        return list(self.session.exec(query))

    def assignment(self, story_id: int, reviewer_id: int) -> StoryReview | None:
        """Return the reviewer's row for a story, whatever its status, or None."""
        query = select(StoryReview).where(
            StoryReview.community_id == self.community_id,
            StoryReview.story_id == story_id,
            StoryReview.reviewer_id == reviewer_id,
        )
        return self.session.exec(query).first()

    def add_review(self, row: StoryReview) -> None:
        """Save a new review row now, so that it has its id."""
        self.session.add(row)
        self.session.flush()

    def release(self, row: StoryReview) -> None:
        """Drop an open assignment that is no longer worth doing."""
        self.session.delete(row)

    def flush(self) -> None:
        """Send the changes made to loaded rows now (later queries in this work see them)."""
        self.session.flush()

    def first_review_waits(self, since: datetime) -> list[timedelta]:
        """How long each story that got its first review lately waited for it."""
        first = (
            select(StoryReview.story_id, func.min(StoryReview.reviewed_at).label("at"))
            .where(StoryReview.community_id == self.community_id, StoryReview.status == "done")
            .group_by(col(StoryReview.story_id))
            .subquery()
        )
        query = (
            select(Story.ready_at, first.c.at)
            .join(first, first.c.story_id == Story.id)
            .where(Story.community_id == self.community_id, first.c.at >= since)
        )
        return [
            aware(at) - aware(ready)
            for ready, at in self.session.exec(query)
            if ready is not None and at is not None and at >= ready
        ]

    def skips_since(self, reviewer_id: int, since: datetime) -> int:
        """Return how many stories the reviewer skipped since the given moment."""
        query = select(func.count()).where(
            StoryReview.community_id == self.community_id,
            StoryReview.reviewer_id == reviewer_id,
            col(StoryReview.skipped_at) >= since,
        )
        return int(self.session.exec(query).one())

    def member(self, member_id: int | None) -> Member | None:
        """Return a member of this community by id, or None."""
        member = self.session.get(Member, member_id) if member_id is not None else None
        return member if member is not None and member.community_id == self.community_id else None

    def drop_reviews_of(self, story_id: int) -> None:
        """Delete every review row of one story."""
        self.session.execute(
            delete(StoryReview).where(
                col(StoryReview.community_id) == self.community_id,
                col(StoryReview.story_id) == story_id,
            )
        )

    def forget_stories_of(self, member_id: int) -> int:
        """Delete every story of a member, with the reviews of them; return how many were live."""
        mine = select(Story.id).where(
            Story.community_id == self.community_id, Story.member_id == member_id
        )
        ids = [i for i in self.session.exec(mine) if i is not None]
        live = self.session.exec(
            select(Story.id).where(col(Story.id).in_(ids), col(Story.deleted_at).is_(None))
        ).all()
        scope = col(StoryReview.community_id) == self.community_id
        self.session.execute(delete(StoryReview).where(scope, col(StoryReview.story_id).in_(ids)))
        self.session.execute(
            delete(Story).where(
                col(Story.community_id) == self.community_id, col(Story.id).in_(ids)
            )
        )
        return len(live)

    def forget_reviews_by(self, reviewer_id: int) -> int:
        """Blank and unname a reviewer's finished reviews, drop the rest; return how many kept."""
        mine = (
            col(StoryReview.community_id) == self.community_id,
            col(StoryReview.reviewer_id) == reviewer_id,
        )
        self.session.execute(delete(StoryReview).where(*mine, col(StoryReview.status) != "done"))
        result = self.session.execute(
            update(StoryReview).where(*mine).values(comments="", reviewer_id=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def award_periods(self, today: date) -> list[str]:
        """Return the leaderboard periods an award made today counts toward."""
        return award_periods_in(self.session, self.community_id, today)

    def award(self, ctx: Ctx, reason: Reason, reference: str, member_id: int | None = None) -> int:
        """Award points once (to the caller unless `member_id`); return them, 0 if given before."""
        return award(ctx, reason, reference, member_id)


def aware(moment: datetime) -> datetime:
    """Return a moment as an aware UTC datetime (an aggregate may hand back a naive one)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
