"""Mock rounds: claimed once, gathering everyone waiting, closed once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, select

from bot.features.mock.store.base import StoreBase
from bot.features.mock.tables import (
    MockPairing,
    MockRequest,
    MockRound,
    MockSeat,
)
from bot.features.sprints.tables import Sprint


class RoundRows(StoreBase):
    """The mock rounds of one community, and the sprint calendar that plans them."""

    def round(self, round_id: int) -> MockRound | None:
        found = self._session.get(MockRound, round_id)
        return found if found and found.community_id == self.community_id else None

    def open_rounds(self) -> list[MockRound]:
        query = (
            select(MockRound)
            .where(MockRound.community_id == self.community_id, MockRound.status == "open")
            .order_by(col(MockRound.closes_at), col(MockRound.id))
        )
        return list(self._session.exec(query))

    def claim_round(self, opened: MockRound) -> bool:
        """Keep a new round unless one with its claim exists; say whether this one is kept."""
        exists = select(MockRound.id).where(
            MockRound.community_id == self.community_id, MockRound.claim == opened.claim
        )
        if self._session.exec(exists).first() is not None:
            return False
        try:
            with self._session.begin_nested():  # another process may claim the same round at once
                self._session.add(opened)
        except IntegrityError:
            return False
        return True

    def gather_waiting(self, opened: MockRound) -> None:
        """Make every request waiting outside another open round part of this one."""
        held = [r.id for r in self.open_rounds() if r.id != opened.id]
        self._session.execute(
            update(MockRequest)
            .where(
                col(MockRequest.community_id) == self.community_id,
                col(MockRequest.status) == "waiting",
                col(MockRequest.mock_round_id).is_(None)
                | col(MockRequest.mock_round_id).not_in(held),
            )
            .values(mock_round_id=opened.id)
        )

    def close_round(self, round_id: int, now: datetime) -> MockRound | None:
        """Claim the close of an open round: the round, or None when it was closed already."""
        claimed = self._session.execute(
            update(MockRound)
            .where(
                col(MockRound.id) == round_id,
                col(MockRound.community_id) == self.community_id,
                col(MockRound.status) == "open",
            )
            .values(status="closed", closed_at=now)
        )
        if not getattr(claimed, "rowcount", 0):
            return None
        closed = self.round(round_id)
        assert closed is not None
        self._session.refresh(closed)
        return closed

    def groups_of_round(self, round_id: int) -> tuple[int, int]:
        """Count the pairs and trios a round made: while it was open and when it closed."""
        sizes = self._session.exec(
            select(func.count())
            .select_from(MockSeat)
            .join(MockPairing, col(MockPairing.id) == col(MockSeat.pairing_id))
            .where(
                MockPairing.community_id == self.community_id,
                MockPairing.mock_round_id == round_id,
            )
            .group_by(col(MockSeat.pairing_id))
        ).all()
        return sum(1 for n in sizes if n == 2), sum(1 for n in sizes if n == 3)

    def channel_zone(self, channel_id: str) -> str:
        """The time zone a channel's cards use: its sprint's schedule zone, else the community's."""
        query = (
            select(Sprint.timezone)
            .where(
                Sprint.community_id == self.community_id,
                Sprint.channel_id == channel_id,
                Sprint.status != "ended",
            )
            .order_by(col(Sprint.id).desc())
        )
        found = self._session.exec(query).first()
        if found is not None:
            return found
        community = self.community()
        return community.timezone if community is not None else "UTC"

    def sprint(self, sprint_id: int | None) -> Sprint | None:
        """A sprint of this community, by id."""
        found = None if sprint_id is None else self._session.get(Sprint, sprint_id)
        return found if found is not None and found.community_id == self.community_id else None
