"""What other features may use of stories: what waits for a member's review, for the digest."""

from __future__ import annotations

from bot.features.story.store import StoryStore
from bot.features.story.waiting import ReviewsWaiting
from bot.features.story.waiting import reviews_waiting as _reviews_waiting
from bot.storage.uow import Session

__all__ = ["ReviewsWaiting", "reviews_waiting"]


def reviews_waiting(session: Session, community_id: int, member_id: int) -> ReviewsWaiting:
    """The stories the member holds for review, and the peer stories they could take."""
    return _reviews_waiting(StoryStore(session, community_id), member_id)
