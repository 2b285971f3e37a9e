"""An in-memory StoryStore: the story handlers' rules run against it with no database."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from bot.app.context import Ctx
from bot.core.cards import Reply
from bot.core.points import POINTS, Reason
from bot.core.story_review import Candidate, pick_for_review
from bot.features.leaderboard.ledger import ALL_TIME, week_period
from bot.features.limits.api import STORIES_PER_MEMBER
from bot.features.story.form import encode
from bot.features.story.handlers import save_new
from bot.features.story.rows import candidate_of
from bot.features.story.store import DEFAULT_REVIEWS, StoryStore
from bot.features.story.tables import Story, StoryReview
from bot.storage.tables import Member
from tests.fakes import FakeUnitOfWork, NoDatabase
from tests.features.story.flow import GOOD


def core_pick(
    ready: list[Story],
    rows: dict[int, list[StoryReview]],
    reviewer_id: int,
    *,
    wanted: int,
    now: datetime,
) -> int | None:
    """The review rule of bot/core on full rows: what `/story review` picked before the SQL."""
    candidates = [candidate_of(s, rows[s.id or 0]) for s in ready]
    authors = {c.story_id: c.author_id for c in candidates}
    seen: dict[int, int] = {}
    for candidate in candidates:
        for slot in candidate.slots:
            if slot.reviewer_id == reviewer_id and slot.status == "done":
                author = authors[candidate.story_id]
                seen[author] = seen.get(author, 0) + 1
    chosen = pick_for_review(candidates, reviewer_id, wanted=wanted, now=now, reviewed_authors=seen)
    return chosen.story_id if chosen is not None else None


class FakeStoryStore(StoryStore):
    """Stories, reviews and awards of one community, kept in dictionaries.

    `members` is the FakeUnitOfWork's own table of members (by external id); `sprints` are
    the ids of the sprints running now; `ledger` holds every award given, once each.
    """

    def __init__(self, members: dict[str, Member] | None = None) -> None:
        super().__init__(NoDatabase(), 1)  # type: ignore[arg-type]
        self.members = members if members is not None else {}
        self.stories: dict[int, Story] = {}
        self.reviews: dict[int, StoryReview] = {}
        self.wanted = DEFAULT_REVIEWS
        self.cap = STORIES_PER_MEMBER
        self.sprints: list[int] = []
        self.ledger: dict[tuple[int, str, str], int] = {}

    def points_of(self, member_id: int) -> int:
        """Total points a member was awarded."""
        return sum(given for (who, _, _), given in self.ledger.items() if who == member_id)

    def reviews_wanted(self) -> int:
        return self.wanted

    def set_reviews_wanted(self, count: int) -> None:
        self.wanted = count

    def story(self, story_id: int) -> Story | None:
        return self.stories.get(story_id)

    def numbered(self, member_id: int, number: int) -> Story | None:
        mine = (s for s in self.stories.values() if s.member_id == member_id)
        return next((s for s in mine if s.number == number), None)

    def stories_of(self, member_id: int) -> list[Story]:
        live = [s for s in self.stories.values() if s.member_id == member_id and not s.deleted_at]
        return sorted(live, key=lambda s: s.number)

    def next_number(self, member_id: int) -> int:
        numbers = [s.number for s in self.stories.values() if s.member_id == member_id]
        return max(numbers, default=0) + 1

    def ready_stories(self) -> list[Story]:
        return [s for s in self.stories.values() if s.ready_at and not s.deleted_at]

    def pick_for_review(self, reviewer_id: int, *, wanted: int, now: datetime) -> int | None:
        ready = self.ready_stories()
        rows = self.reviews_of([s.id or 0 for s in ready])
        return core_pick(ready, rows, reviewer_id, wanted=wanted, now=now)

    def waiting(self) -> list[Candidate]:
        ready = self.ready_stories()
        rows = self.reviews_of([s.id or 0 for s in ready])
        return [candidate_of(s, rows[s.id or 0]) for s in ready]

    def live_count(self, member_id: int) -> int:
        return len(self.stories_of(member_id))

    def story_cap(self) -> int:
        return self.cap

    def save_story(self, story: Story) -> None:
        if story.id is None:
            story.id = len(self.stories) + 1
        self.stories[story.id] = story

    def done_reviews(self, story_ids: Iterable[int]) -> dict[int, list[StoryReview]]:
        found = self.reviews_of(list(story_ids))
        return {i: [r for r in rows if r.status == "done"] for i, rows in found.items()}

    def reviews_of(self, story_ids: list[int]) -> dict[int, list[StoryReview]]:
        rows = sorted(self.reviews.values(), key=lambda r: r.id or 0)
        return {i: [r for r in rows if r.story_id == i] for i in story_ids}

    def review(self, review_id: int) -> StoryReview | None:
        return self.reviews.get(review_id)

    def open_assignments(self, reviewer_id: int) -> list[StoryReview]:
        rows = self.reviews.values()
        return [r for r in rows if r.reviewer_id == reviewer_id and r.status == "open"]

    def assignment(self, story_id: int, reviewer_id: int) -> StoryReview | None:
        rows = self.reviews.values()
        return next(
            (r for r in rows if (r.story_id, r.reviewer_id) == (story_id, reviewer_id)), None
        )

    def add_review(self, row: StoryReview) -> None:
        row.id = max(self.reviews, default=0) + 1
        self.reviews[row.id] = row

    def release(self, row: StoryReview) -> None:
        assert row.id is not None
        del self.reviews[row.id]

    def flush(self) -> None:
        """Rows are changed in place: nothing to send."""

    def first_review_waits(self, since: datetime) -> list[timedelta]:
        first: dict[int, datetime] = {}
        for row in self.reviews.values():
            if row.status == "done" and row.reviewed_at is not None:
                first[row.story_id] = min(first.get(row.story_id, row.reviewed_at), row.reviewed_at)
        return [
            at - ready
            for sid, at in first.items()
            if at >= since and (ready := self.stories[sid].ready_at) is not None
        ]

    def skips_since(self, reviewer_id: int, since: datetime) -> int:
        rows = self.reviews.values()
        return sum(
            1
            for r in rows
            if r.reviewer_id == reviewer_id and r.skipped_at and r.skipped_at >= since
        )

    def member(self, member_id: int | None) -> Member | None:
        return next((m for m in self.members.values() if m.id == member_id), None)

    def drop_reviews_of(self, story_id: int) -> None:
        self.reviews = {i: r for i, r in self.reviews.items() if r.story_id != story_id}

    def forget_stories_of(self, member_id: int) -> int:
        mine = [s for s in self.stories.values() if s.member_id == member_id]
        for story in mine:
            self.drop_reviews_of(story.id or 0)
            del self.stories[story.id or 0]
        return sum(1 for s in mine if s.deleted_at is None)

    def forget_reviews_by(self, reviewer_id: int) -> int:
        mine = [r for r in self.reviews.values() if r.reviewer_id == reviewer_id]
        for row in mine:
            if row.status != "done":
                del self.reviews[row.id or 0]
            row.comments, row.reviewer_id = "", None
        return sum(1 for r in mine if r.status == "done")

    def award_periods(self, today: date) -> list[str]:
        return [ALL_TIME, week_period(today), *(f"sprint:{i}" for i in self.sprints)]

    def award(self, ctx: Ctx, reason: Reason, reference: str, member_id: int | None = None) -> int:
        key = (member_id if member_id is not None else ctx.member_id, reason.value, reference)
        if key in self.ledger:
            return 0
        self.ledger[key] = POINTS[reason]
        return POINTS[reason]


def story_uow() -> tuple[FakeUnitOfWork, FakeStoryStore]:
    """A community with no database whose story handlers use one FakeStoryStore."""
    store = FakeStoryStore()
    uow = FakeUnitOfWork((StoryStore, store))
    store.members = uow.members
    return uow, store


def write(uow: FakeUnitOfWork, who: str, principle: str = "ownership", **fields: str) -> Reply:
    """Send `who`'s new story form for one principle (the good story unless fields differ)."""
    return save_new(uow.ctx(who), encode((principle,)), {**GOOD, **fields})
