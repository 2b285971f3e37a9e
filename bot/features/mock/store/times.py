"""Agreed times of pairings: one community's rows, and the scheduler's queries across them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import col, select

from bot.features.mock.store.base import StoreBase
from bot.features.mock.store.time_table import CONFIRMED, PROPOSED, MockTime
from bot.features.mock.tables import MockPairing, MockSeat, MockSettings
from bot.storage.tables import Community, Member, Question
from bot.storage.uow import Session

# Wide enough for any deadline (an offer lives at most 24 hours), so the finder never misses.
OFFER_LOOK_BACK = timedelta(days=2)


class TimeRows(StoreBase):
    """The agreed time of each pairing of one community, and what reminders need."""

    def time_of(self, pairing_id: int) -> MockTime | None:
        query = select(MockTime).where(
            MockTime.community_id == self.community_id, MockTime.pairing_id == pairing_id
        )
        return self._session.exec(query).first()

    def ignored_before(self, member_id: int, pairing_id: int) -> bool:
        """Whether the member's pairing before `pairing_id` was released without their accepting
        its time (they answered neither Accept nor Another time)."""
        query = (
            select(MockSeat.status, MockTime.accepted)
            .outerjoin(MockTime, col(MockTime.pairing_id) == col(MockSeat.pairing_id))
            .where(
                MockSeat.community_id == self.community_id,
                MockSeat.member_id == member_id,
                col(MockSeat.pairing_id) < pairing_id,
            )
            .order_by(col(MockSeat.pairing_id).desc())
            .limit(1)
        )
        row = self._session.exec(query).first()
        if row is None:
            return False
        status, accepted = row
        return status == "released" and member_id not in (accepted or [])

    def question(self, question_id: str | None) -> Question | None:
        """A question of the bank by id (the one a packet holds)."""
        return None if question_id is None else self._session.get(Question, question_id)

    def space_settings(self) -> MockSettings:
        """The community's mock settings, made (with defaults) if it has none yet."""
        query = select(MockSettings).where(MockSettings.community_id == self.community_id)
        found = self._session.exec(query).first()
        if found is None:
            found = MockSettings(community_id=self.community_id)
            self._session.add(found)
        return found

    def forget_space_admin(self, member_id: int) -> None:
        """Stop telling a forgotten member about private spaces."""
        query = select(MockSettings).where(
            MockSettings.community_id == self.community_id,
            MockSettings.space_admin_id == member_id,
        )
        for settings in self._session.exec(query):
            settings.space_admin_id = None


# The finders' queries, built once with the moments as parameters (asked every tick).
_OPEN_OFFERS = (
    select(MockTime, MockPairing, Community)
    .join(MockPairing, col(MockPairing.id) == col(MockTime.pairing_id))
    .join(Community, col(Community.id) == col(MockTime.community_id))
    .where(
        MockTime.status == PROPOSED,
        MockPairing.status == "scheduled",
        col(MockTime.offered_at) >= bindparam("offered_since"),
    )
)
_UPCOMING_SEATS: Any = (
    select(MockTime, MockSeat, Member, Community)
    .join(MockPairing, col(MockPairing.id) == col(MockTime.pairing_id))
    .join(MockSeat, col(MockSeat.pairing_id) == col(MockTime.pairing_id))
    .join(Member, col(Member.id) == col(MockSeat.member_id))
    .join(Community, col(Community.id) == col(MockTime.community_id))
    .where(
        MockTime.status == CONFIRMED,
        MockPairing.status == "scheduled",
        MockSeat.status == "active",
        col(MockTime.starts_at) > bindparam("now"),
        col(MockTime.starts_at) <= bindparam("until"),
    )
)
_SPACES_DUE: Any = (
    select(MockTime, Community, MockSettings.private_space)
    .join(Community, col(Community.id) == col(MockTime.community_id))
    .outerjoin(MockSettings, col(MockSettings.community_id) == col(MockTime.community_id))
    .where(
        MockTime.status == CONFIRMED,
        col(MockTime.starts_at) <= bindparam("now"),
        col(MockTime.starts_at) > bindparam("since"),
    )
)


def open_offers(session: Session, now: datetime) -> list[tuple[MockTime, MockPairing, Community]]:
    """Proposed times of pairings still scheduled, offered lately, with pairing and community."""
    rows = session.exec(_OPEN_OFFERS, params={"offered_since": now - OFFER_LOOK_BACK})
    return [(t, p, c) for t, p, c in rows]


def upcoming_seats(
    session: Session, now: datetime, within: timedelta
) -> list[tuple[MockTime, MockSeat, Member, Community]]:
    """Active seats of confirmed mocks starting within a span, with the member and community."""
    rows: Any = session.exec(_UPCOMING_SEATS, params={"now": now, "until": now + within}).all()
    return [(t, s, m, c) for t, s, m, c in rows]


def spaces_due(
    session: Session, now: datetime, since: datetime
) -> list[tuple[MockTime, Community, bool]]:
    """Confirmed times that started since a moment, with community and its private-space setting."""
    rows: Any = session.exec(_SPACES_DUE, params={"now": now, "since": since}).all()
    return [(t, c, bool(on)) for t, c, on in rows]
