"""What other features may use of mock interviews: a member's next mock, for the digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.cards import Button, Style
from bot.features.mock.cards import round_name, time_value
from bot.features.mock.store import MockStore
from bot.features.mock.store.time_table import CONFIRMED, PROPOSED
from bot.features.mock.time_offer import aware
from bot.storage.uow import Session

__all__ = ["UpcomingMock", "next_mock", "time_buttons"]


@dataclass(frozen=True)
class UpcomingMock:
    """A member's next mock: paired (partners' shown names, the planned time) or still waiting."""

    round: str
    partners: tuple[str, ...] = ()
    at: datetime | None = None
    waiting: bool = False
    confirmed: bool = False  # everyone accepted the time
    pairing_id: int | None = None
    to_accept: datetime | None = None  # the proposed time this member has not accepted yet


def time_buttons(mock: UpcomingMock) -> tuple[Button, ...]:
    """The pairing card's Accept and Another time, while the member's accept is awaited."""
    if mock.pairing_id is None or mock.to_accept is None:
        return ()
    return (
        Button("Accept", "mock.accept", time_value(mock.pairing_id, mock.to_accept), Style.PRIMARY),
        Button("Another time", "mock.other", str(mock.pairing_id)),
    )


def next_mock(session: Session, community_id: int, member_id: int) -> UpcomingMock | None:
    """The member's scheduled mock, else their request waiting for a partner, else None."""
    store = MockStore(session, community_id)
    active = store.active_seat(member_id)
    if active is not None:
        seat, pairing = active
        assert pairing.id is not None
        seats = store.seats(pairing.id)
        others = [s.member_id for s in seats if s.member_id != member_id]
        people = store.members(others)
        shown = tuple(people[m].display_name or "a member" for m in others if m in people)
        # The round the member is interviewed on (their seat holds the packet they ask from).
        asked = next((s.round for s in seats if s.interviews_member_id == member_id), seat.round)
        agreed = store.time_of(pairing.id)
        confirmed = agreed is not None and agreed.status == CONFIRMED
        awaited = (
            agreed is not None and agreed.status == PROPOSED and member_id not in agreed.accepted
        )
        return UpcomingMock(
            round_name(asked),
            shown,
            pairing.proposed_at,
            confirmed=confirmed,
            pairing_id=pairing.id,
            to_accept=aware(agreed.starts_at) if awaited and agreed is not None else None,
        )
    request = store.waiting_request(member_id)
    if request is None:
        return None
    return UpcomingMock(round_name(request.round), waiting=True)
