"""What other features may use of stories: what waits for a member's review, for the digest."""

from __future__ import annotations

from datetime import datetime

from bot.features.story.store import StoryStore
from bot.features.story.views import story_lines
from bot.features.story.waiting import ReviewQueue, ReviewsWaiting
from bot.features.story.waiting import review_queue as _review_queue
from bot.storage.uow import Session

__all__ = ["ReviewQueue", "ReviewsWaiting", "review_queue", "stories_written", "story_lines"]


def stories_written(
    session: Session, community_id: int, member_id: int, start: datetime, end: datetime
) -> int:
    """How many stories the member wrote from `start` until before `end` (deleted ones not)."""
    return StoryStore(session, community_id).written_between(member_id, start, end)


def review_queue(session: Session, community_id: int) -> ReviewQueue:
    """The community's stories still short of reviews: `.for_member(id)` counts one member's."""
    return _review_queue(StoryStore(session, community_id))
