"""What other features may use of practice."""

from __future__ import annotations

from datetime import date

from bot.features.practice.ratings import record_rating
from bot.features.practice.store import PracticeStore, dm_times
from bot.storage.uow import Session

__all__ = ["dm_times", "due_count", "record_rating"]


def due_count(session: Session, community_id: int, member_id: int, today: date) -> int:
    """How many questions are due for the member's review in /practice by `today`."""
    return PracticeStore(session, community_id).due_count(member_id, today)
