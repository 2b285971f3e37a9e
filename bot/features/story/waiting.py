"""Stories waiting for one member's review: ones they hold, and ones they could take."""

from __future__ import annotations

from dataclasses import dataclass

from bot.features.story.store import StoryStore


@dataclass(frozen=True)
class ReviewsWaiting:
    """How many stories a member holds for review, and how many more they could take."""

    held: int
    open: int


def reviews_waiting(store: StoryStore, member_id: int) -> ReviewsWaiting:
    """Count the member's live assignments and the peer stories still short of reviews for them.

    A story counts for the member when it is not theirs, they have no row for it (taken,
    skipped or reviewed) and it has fewer finished reviews than the community wants.
    """
    wanted = store.reviews_wanted()
    stories = [s for s in store.ready_stories() if s.id is not None]
    rows = store.reviews_of([s.id for s in stories if s.id is not None])
    held = fresh = 0
    for story in stories:
        assert story.id is not None
        mine = [r for r in rows[story.id] if r.reviewer_id == member_id]
        done = sum(r.status == "done" for r in rows[story.id])
        if story.member_id == member_id or done >= wanted:
            continue
        if not mine:
            fresh += 1
        elif mine[0].status == "open":
            held += 1
    return ReviewsWaiting(held, fresh)
