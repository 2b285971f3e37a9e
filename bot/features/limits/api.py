"""What other features may use of the limits: the cap on live stories a member keeps."""

from __future__ import annotations

from bot.features.limits import store
from bot.storage.uow import Session

__all__ = ["STORIES_PER_MEMBER", "story_cap"]

STORIES_PER_MEMBER = 50  # enough for every principle three times over


def story_cap(session: Session, community_id: int) -> int:
    """How many live stories (drafts included) each member of the community may keep."""
    own = store.stories_per_member(session, community_id)
    return own if own is not None else STORIES_PER_MEMBER
