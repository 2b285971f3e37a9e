"""Reminders by DM before a confirmed mock: 24 hours and 1 hour ahead, never in quiet hours.

A reminder whose moment falls in the member's quiet hours waits until they wake, unless the
1-hour reminder would come first; the 1-hour one goes out whatever the hour. A reminder is
skipped when the time was confirmed after its moment (the confirmation said it all), and for
members who turned reminders off with `/profile set reminders:off`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.cards import Button, Card, Field, Mention, Message, Style, Visibility, rich
from bot.core.clock import Clock
from bot.core.mock_availability import local_label
from bot.core.mock_times import REMINDERS
from bot.core.quiet_hours import may_send
from bot.core.words import plural
from bot.features.mock.cards import order_of
from bot.features.mock.pairing_people import people_of
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.store.time_table import CONFIRMED, MockTime
from bot.features.mock.time_offer import PACKET, aware, joined
from bot.storage.tables import Community, Member

LAST = REMINDERS[-1]


def reminder_due(
    agreed: MockTime, member: Member, community: Community, now: datetime
) -> int | None:
    """The hours-ahead of the reminder a member is due now (24 or 1), or None."""
    if not member.mock_reminders or agreed.status != CONFIRMED or agreed.confirmed_at is None:
        return None
    start, confirmed = aware(agreed.starts_at), aware(agreed.confirmed_at)
    for ahead in REMINDERS:
        mark = start - ahead
        later = [a for a in REMINDERS if a < ahead]
        if not mark <= now < start or confirmed >= mark:
            continue
        if later and now >= start - later[0]:
            continue  # the next reminder's moment has come: send that one instead
        if may_send(now, timezone_of(member, community), event_at=start):
            return int(ahead / timedelta(hours=1))
    return None


def reminder(
    *, store: MockStore, clock: Clock, pairing_id: int, member_id: int, hours: int, sequence: int
) -> list[Message]:
    """The reminder card for one member, if it is still due (the time may have changed)."""
    agreed, pairing, community = (
        store.time_of(pairing_id),
        store.pairing(pairing_id),
        store.community(),
    )
    member = store.member_or_none(member_id)
    if agreed is None or pairing is None or community is None or member is None:
        return []
    seat = next((s for s in store.seats(pairing_id) if s.member_id == member_id), None)
    now = clock.now()
    if (
        seat is None
        or seat.status != "active"
        or pairing.status != "scheduled"
        or agreed.sequence != sequence
        or reminder_due(agreed, member, community, now) != hours
    ):
        return []
    return [_card(store, agreed, member, community, now)]


def _card(
    store: MockStore, agreed: MockTime, member: Member, community: Community, now: datetime
) -> Message:
    start = aware(agreed.starts_at)
    people = people_of(store, agreed.pairing_id)
    me = next(p for p in people if p.member_id == member.id)
    others = [Mention(p.external_id) for p in people if p.member_id != member.id]
    first = people[0]
    opener = (
        rich("You interview ", Mention(people[1].external_id), " first.")
        if first.member_id == member.id
        else rich(
            Mention(first.external_id),
            " interviews ",
            "you" if people[1].member_id == member.id else Mention(people[1].external_id),
            " first.",
        )
    )
    card = Card(
        title=f"Mock interview {_in(start - now)}",
        text=rich(
            "You meet ",
            *joined(others).parts,
            f" at {local_label(start, timezone_of(member, community))}. ",
            *opener.parts,
        ),
        fields=(Field("Order", order_of(me, people)),),
        buttons=(Button("Interviewer packet", PACKET, str(agreed.pairing_id), Style.PRIMARY),),
        footer="`/profile set reminders:off` turns these reminders off.",
    )
    return Message(card, Visibility.DIRECT, to_member=member.external_id)


def _in(left: timedelta) -> str:
    """How long until the mock, rounded as a person would say it."""
    minutes = max(1, round(left / timedelta(minutes=1)))
    if minutes < 55:
        return f"in {plural(minutes, 'minute')}"
    return f"in {plural(max(1, round(minutes / 60)), 'hour')}"
