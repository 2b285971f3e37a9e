"""A pairing's time, from proposal to confirmation: propose, accept, confirm with a new invite."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.cards import Button, Card, Field, Mention, Message, Rich, Style, Visibility, rich
from bot.core.clock import Clock
from bot.core.mock_availability import DEFAULT_AVAILABILITY, local_label, week_start
from bot.core.mock_times import answer_by
from bot.features.mock.cards import AFTER, Person, invite, order_of, time_value
from bot.features.mock.pairing_people import people_of
from bot.features.mock.store import MockStore
from bot.features.mock.store.time_table import CONFIRMED, PROPOSED, MockTime
from bot.features.mock.tables import MockPairing

PACKET = "mock.packet"


def aware(moment: datetime) -> datetime:
    """A stored moment as an aware UTC datetime (SQLite hands them back naive)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def open_offer(store: MockStore, pairing_id: int, start: datetime, now: datetime) -> datetime:
    """Record a new pairing's proposed time, nobody accepted yet; return the answer-by moment."""
    store.add(
        MockTime(
            community_id=store.community_id,
            pairing_id=pairing_id,
            starts_at=start,
            offered_at=now,
        )
    )
    return answer_by(now, start)


def propose(
    store: MockStore, clock: Clock, pairing: MockPairing, agreed: MockTime, by: int, start: datetime
) -> list[Message]:
    """Move the proposal to a new time (the proposer accepts it); ask the others by DM."""
    now = clock.now()
    agreed.starts_at, agreed.offered_at, agreed.status = start, now, PROPOSED
    agreed.accepted = [by]
    pairing.proposed_at = start
    assert pairing.id is not None
    proposer = store.member(by)
    deadline = answer_by(now, start)
    messages = []
    for person in people_of(store, pairing.id):
        if person.member_id != by:
            card = _proposal(pairing.id, person, Mention(proposer.external_id), start, deadline)
            messages.append(Message(card, Visibility.DIRECT, to_member=person.external_id))
    return messages


def _proposal(
    pairing_id: int, person: Person, proposer: Mention, start: datetime, deadline: datetime
) -> Card:
    return Card(
        title="Another time for your mock interview",
        text=rich(proposer, " proposes ", local_label(start, person.timezone), "."),
        buttons=(
            Button("Accept", "mock.accept", time_value(pairing_id, start), Style.PRIMARY),
            Button("Another time", "mock.other", str(pairing_id)),
        ),
        footer=(
            f"Answer by {local_label(deadline, person.timezone)}: if you have not all accepted "
            "a time by then, the pairing is released and you go back to the front of the queue."
        ),
    )


def accept(store: MockStore, clock: Clock, agreed: MockTime, member_id: int) -> list[Message]:
    """Note a member's accept; once everyone accepted, confirm and send each the new invite."""
    if member_id not in agreed.accepted:
        agreed.accepted = [*agreed.accepted, member_id]
    people = people_of(store, agreed.pairing_id)
    if any(p.member_id not in agreed.accepted for p in people):
        return []
    agreed.status, agreed.confirmed_at = CONFIRMED, clock.now()
    agreed.sequence += 1
    return [confirmation(agreed, person, people) for person in people]


def confirmation(agreed: MockTime, me: Person, people: list[Person]) -> Message:
    """The DM saying the time is agreed, with the updated invite (same UID, next sequence)."""
    start = aware(agreed.starts_at)
    others = [Mention(p.external_id) for p in people if p.member_id != me.member_id]
    card = Card(
        title="Your mock interview is confirmed",
        text=rich("Everyone accepted: you meet ", *joined(others).parts, " then."),
        fields=(
            Field("Time", local_label(start, me.timezone)),
            Field("Order", order_of(me, people)),
            Field("Afterwards", AFTER),
        ),
        buttons=(
            Button("Interviewer packet", PACKET, str(agreed.pairing_id), Style.PRIMARY),
            Button("Give feedback", "mock.done", str(agreed.pairing_id)),
            Button("Partner didn't show", "mock.noshow", str(agreed.pairing_id)),
        ),
        footer="Updated calendar invite attached: it moves the event already in your calendar.",
        files=(invite(agreed.pairing_id, people, start, me.timezone, agreed.sequence),),
    )
    return Message(card, Visibility.DIRECT, to_member=me.external_id)


def joined(parts: list[Mention]) -> Rich:
    """Names joined with commas and a last "and"."""
    out: list[str] = []
    for index, part in enumerate(parts):
        if index:
            out.append(" and " if index == len(parts) - 1 else ", ")
        out.append(part)
    return rich(*out)


def weekly_masks(store: MockStore, people: list[Person], now: datetime) -> list[int]:
    """Each member's free half-hours this week, from their weekly hours (or the default)."""
    from bot.features.mock.pairing import slots_for  # pairing imports this module

    origin = week_start(now)
    masks = []
    for person in people:
        profile = store.profile(person.member_id)
        text = (profile.availability if profile else "") or DEFAULT_AVAILABILITY
        masks.append(slots_for(text, person.timezone, origin))
    return masks
