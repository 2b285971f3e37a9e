"""A mock not confirmed 48 hours after its proposed time closes, and its members are asked.

"Yes" opens the feedback form (it counts as `/mock done`); "No" asks why (unmet.py): nobody
loses points for a mock that did not happen. Either way both may `/mock request` again.
"""

from __future__ import annotations

from datetime import datetime

from bot.app.registry import Registry
from bot.core.cards import Button, Card, Mention, Message, Rich, Style, Visibility, rich
from bot.core.clock import Clock
from bot.core.mock_availability import local_label
from bot.core.mock_rules import stale_since
from bot.core.quiet_hours import may_send
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.tables import MockPairing, MockSeat
from bot.storage.tables import Community, Member

ROUTES = Registry()  # "No, we didn't meet" is answered in unmet.py

EXPIRED = "expired"
AGAIN = "`/mock request` finds you a new partner."


def close_stale(*, store: MockStore, clock: Clock, pairing_id: int) -> list[Message]:
    """Close a mock not confirmed in time; ask whoever had not confirmed whether they met."""
    pairing, community = store.pairing(pairing_id), store.community()
    if pairing is None or community is None:
        return []
    start = pairing.proposed_at
    if pairing.status != "scheduled" or start is None or start > stale_since(clock.now()):
        return []
    now = pairing.closed_at = clock.now()
    pairing.status = EXPIRED
    seats = store.seats(pairing_id)
    messages = []
    for seat in seats:
        if seat.status == "active":
            seat.status = EXPIRED
        member = store.member(seat.member_id)
        # In the member's quiet hours the note waits for the morning (followup.find_closing_notes).
        if seat.status in (EXPIRED, "done") and may_send(now, timezone_of(member, community)):
            seat.asked_at = now
            messages.append(closing_note(store, community, pairing, seats, seat))
    return messages


def closing_note(
    store: MockStore,
    community: Community,
    pairing: MockPairing,
    seats: list[MockSeat],
    seat: MockSeat,
) -> Message:
    """What a member is told when their mock closes: "Did you meet?", or that it closed."""
    assert pairing.proposed_at is not None
    member, others = store.member(seat.member_id), _others(store, seats, seat)
    if seat.status == "done":
        return _closed(member, community, pairing.proposed_at, others)
    return _ask(member, community, pairing, others)


def _others(store: MockStore, seats: list[MockSeat], mine: MockSeat) -> Rich:
    people = [store.member(s.member_id) for s in seats if s.id != mine.id]
    parts: list[str] = []
    for index, person in enumerate(people):
        if index:
            parts.append(" and " if index == len(people) - 1 else ", ")
        parts.append(Mention(person.external_id))
    return rich(*parts)


def _ask(member: Member, community: Community, pairing: MockPairing, others: Rich) -> Message:
    assert pairing.proposed_at is not None
    when = local_label(pairing.proposed_at, timezone_of(member, community))
    text = rich(
        "Your mock interview with ",
        *others.parts,
        f", planned for {when}, is closed: it was not confirmed within 48 hours. Did you meet? "
        "**Yes** opens the feedback form and counts it as done; **No** asks what happened: if "
        "your partner didn't come, you go first in line for a new one. Nobody loses points.",
    )
    buttons = (
        Button("Yes, give feedback", "mock.done", str(pairing.id), Style.PRIMARY),
        Button("No, we didn't meet", "mock.unmet", str(pairing.id)),
    )
    card = Card(title="Did you meet?", text=text, buttons=buttons, footer=AGAIN)
    return Message(card, Visibility.DIRECT, to_member=member.external_id)


def _closed(member: Member, community: Community, start: datetime, others: Rich) -> Message:
    when = local_label(start, timezone_of(member, community))
    text = rich(
        f"Your mock interview planned for {when} is closed: ",
        *others.parts,
        " did not confirm it within 48 hours. We asked whether you met; completion points "
        "come if they say yes and send their feedback.",
    )
    card = Card(title="Your mock is closed", text=text, footer=AGAIN)
    return Message(card, Visibility.DIRECT, to_member=member.external_id)
