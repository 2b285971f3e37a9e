"""A pairing whose time nobody agreed within 24 hours is released; members go back first in line.

Whoever accepted (or proposed) the last time goes back to the front of the queue; when nobody
did, everyone does, except a member who did not answer their previous pairing either: pairing
them again and again would only send their partners packets for mocks that never happen. A
member who answered nothing and is not put back is told, and may `/mock request` again.
"""

from __future__ import annotations

from bot.core.cards import Card, Mention, Message, Text, Visibility, rich
from bot.core.clock import Clock
from bot.core.mock_availability import local_label
from bot.core.mock_times import answer_by
from bot.features.mock.match import asked_round, requeue
from bot.features.mock.pairing import Scope
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.store.time_table import PROPOSED, RELEASED
from bot.features.mock.time_offer import aware, joined

RELEASED_PAIRING = "released"


def release(*, store: MockStore, clock: Clock, pairing_id: int) -> list[Message]:
    """Release a pairing whose proposed time was not accepted by everyone in time."""
    pairing, agreed, community = (
        store.pairing(pairing_id),
        store.time_of(pairing_id),
        store.community(),
    )
    if pairing is None or agreed is None or community is None:
        return []
    now = clock.now()
    deadline = answer_by(aware(agreed.offered_at), aware(agreed.starts_at))
    if pairing.status != "scheduled" or agreed.status != PROPOSED or deadline > now:
        return []
    agreed.status, pairing.status, pairing.closed_at = RELEASED, RELEASED_PAIRING, now
    seats = store.seats(pairing_id)
    keen = set(agreed.accepted) or {s.member_id for s in seats}
    scope = Scope(store, clock, community)
    messages: list[Message] = []
    for seat in seats:
        if seat.status != "active":
            continue
        seat.status = RELEASED_PAIRING
        member = store.member(seat.member_id)
        by = local_label(deadline, timezone_of(member, community))
        others = joined(
            [Mention(store.member(s.member_id).external_id) for s in seats if s is not seat]
        ).parts
        if seat.member_id not in keen:
            said = rich(
                "You had not accepted a time for your mock with ",
                *others,
                f" by {by}, so the pairing is released and your partner went back to the front "
                "of the queue.",
            )
            messages.append(_dropped(member.external_id, said))
            continue
        if not agreed.accepted and store.ignored_before(seat.member_id, pairing_id):
            said = rich(
                "Nobody accepted a time for your mock with ",
                *others,
                f" by {by}, and your last pairing was released unanswered too, so I took you "
                "out of the queue instead of pairing you again.",
            )
            messages.append(_dropped(member.external_id, said))
            continue
        why = (
            rich(
                "Nobody accepted a time for your mock with ",
                *others,
                f" by {by}, so the pairing is released. You are back at the front of the queue.",
            )
            if not agreed.accepted
            else rich(
                *others,
                f" had not accepted the time by {by}, so the pairing is "
                "released. You are back at the front of the queue.",
            )
        )
        round_id = asked_round(seats, seat.member_id, seat.round)
        messages += requeue(scope, seat.member_id, round_id, why)
    return messages


def _dropped(external_id: str, text: Text) -> Message:
    """Tell a member who answered nothing that the pairing is gone and they are not queued."""
    card = Card(
        title="Your mock pairing is released",
        text=text,
        footer="`/mock request` when you are ready for a new partner.",
    )
    return Message(card, Visibility.DIRECT, to_member=external_id)
