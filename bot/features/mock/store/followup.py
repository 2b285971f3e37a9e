"""After a mock: seats to nudge or tell, one seat or feedback by id, a member's feedback history."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import col, select

from bot.core.mock_followup import NUDGE_AFTER
from bot.core.mock_rules import stale_since
from bot.features.mock.store.base import StoreBase
from bot.features.mock.tables import MockFeedback, MockPairing, MockSeat
from bot.storage.tables import Community, Member
from bot.storage.uow import Session

Nudgeable = tuple[MockSeat, MockPairing, Member, Community]
HELD_AT_MOST = timedelta(hours=12)  # longer than any night of quiet hours


class FollowupRows(StoreBase):
    """Seats and feedback of one community, as the follow-up after a mock reads them."""

    def seat(self, seat_id: int) -> MockSeat | None:
        found = self._session.get(MockSeat, seat_id)
        return found if found is not None and found.community_id == self.community_id else None

    def feedback(self, feedback_id: int) -> MockFeedback | None:
        found = self._session.get(MockFeedback, feedback_id)
        return found if found is not None and found.community_id == self.community_id else None

    def feedback_history(self, member_id: int) -> list[tuple[MockFeedback, datetime]]:
        """Feedback a member gave or received, oldest first, each with its mock's time."""
        when = col(MockPairing.proposed_at)
        query: Any = (
            select(MockFeedback, MockPairing)
            .join(MockPairing, col(MockPairing.id) == MockFeedback.pairing_id)
            .where(
                MockFeedback.community_id == self.community_id,
                (col(MockFeedback.to_member_id) == member_id)
                | (col(MockFeedback.from_member_id) == member_id),
            )
            .order_by(when, col(MockFeedback.id))
        )
        return [
            (feedback, pairing.proposed_at or pairing.created_at)
            for feedback, pairing in self._session.exec(query)
        ]


# Built once, with the moments as parameters: the scheduler asks these every tick.
_SEATS_TO_NUDGE: Any = (
    select(MockSeat, MockPairing, Member, Community)
    .join(MockPairing, col(MockPairing.id) == MockSeat.pairing_id)
    .join(Member, col(Member.id) == MockSeat.member_id)
    .join(Community, col(Community.id) == MockSeat.community_id)
    .where(
        MockSeat.status == "active",
        col(MockSeat.nudged_at).is_(None),
        MockPairing.status == "scheduled",
        col(MockPairing.proposed_at) <= bindparam("began_before"),
        col(MockPairing.proposed_at) > bindparam("stale_since"),
        Member.mock_reminders == True,  # noqa: E712
    )
)
_SEATS_TO_TELL: Any = (
    select(MockSeat, MockPairing, Member, Community)
    .join(MockPairing, col(MockPairing.id) == MockSeat.pairing_id)
    .join(Member, col(Member.id) == MockSeat.member_id)
    .join(Community, col(Community.id) == MockSeat.community_id)
    .where(
        col(MockSeat.status).in_(("expired", "done")),
        col(MockSeat.asked_at).is_(None),
        MockPairing.status == "expired",
        col(MockPairing.closed_at) >= bindparam("closed_since"),
    )
)


def seats_to_nudge(session: Session, now: datetime) -> list[Nudgeable]:
    """Members still to confirm a mock that began 2 to 48 hours ago and not nudged yet."""
    params = {"began_before": now - NUDGE_AFTER, "stale_since": stale_since(now)}
    return list(session.exec(_SEATS_TO_NUDGE, params=params).all())


def seats_to_tell(session: Session, now: datetime) -> list[Nudgeable]:
    """Members of a mock closed unconfirmed whose closing note waited out their quiet hours."""
    return list(session.exec(_SEATS_TO_TELL, params={"closed_since": now - HELD_AT_MOST}).all())
