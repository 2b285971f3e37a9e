"""Stories waiting for one member's review: ones they hold, and ones they could take."""

from __future__ import annotations

from dataclasses import dataclass

from bot.features.story.store import StoryStore
from bot.features.story.tables import StoryReview


@dataclass(frozen=True)
class ReviewsWaiting:
    """How many stories a member holds for review, and how many more they could take."""

    held: int
    open: int


@dataclass(frozen=True)
class ReviewQueue:
    """A community's stories still short of reviews, with their review rows: read once."""

    short: tuple[tuple[int, tuple[StoryReview, ...]], ...]  # (author id, rows) a story

    def for_member(self, member_id: int) -> ReviewsWaiting:
        """The member's live assignments, and the peer stories they have no row for."""
        held = fresh = 0
        for author, rows in self.short:
            mine = [r for r in rows if r.reviewer_id == member_id]
            if author == member_id:
                continue
            if not mine:
                fresh += 1
            elif mine[0].status == "open":
                held += 1
        return ReviewsWaiting(held, fresh)


def review_queue(store: StoryStore) -> ReviewQueue:
    """Read the community's ready stories that have fewer finished reviews than it wants."""
    wanted = store.reviews_wanted()
    stories = {s.id: s for s in store.ready_stories() if s.id is not None}
    rows = store.reviews_of(list(stories))
    short = tuple(
        (story.member_id, tuple(rows[story_id]))
        for story_id, story in stories.items()
        if sum(r.status == "done" for r in rows[story_id]) < wanted
    )
    return ReviewQueue(short)
