"""The members of a pairing as cards show them, in interview order."""

from __future__ import annotations

from bot.features.mock.cards import Person
from bot.features.mock.store import MockStore, timezone_of


def people_of(store: MockStore, pairing_id: int) -> list[Person]:
    """Each member of a pairing, in interview order, with the round they are asked."""
    community = store.community()
    assert community is not None
    seats = store.seats(pairing_id)
    people = []
    for seat in seats:
        member = store.member(seat.member_id)
        profile = store.profile(seat.member_id)
        asked = next((s.round for s in seats if s.interviews_member_id == seat.member_id), "")
        people.append(
            Person(
                seat.member_id,
                member.external_id,
                member.display_name or member.external_id,
                timezone_of(member, community),
                asked or seat.round,
                profile.level if profile else "",
            )
        )
    return people
