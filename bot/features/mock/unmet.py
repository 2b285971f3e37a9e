""" "No, we didn't meet": ask why, and act on it.

A member whose partner did not come is first in line for a new partner at once (a rematch);
one who rescheduled keeps the feedback button for when they meet; one who could not make it
is thanked. Nobody loses points here: the mock closed, and the other side was not heard.
"""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError
from bot.core.cards import Button, Card, Message, Reply, Style
from bot.core.mock_followup import COULD_NOT, RESCHEDULED, UNMET_REASONS
from bot.features.mock.feedback import NOT_YOURS, seat_in
from bot.features.mock.match import asked_round, requeue
from bot.features.mock.pairing import Scope
from bot.features.mock.store import MockStore
from bot.features.mock.tables import MockPairing, MockSeat

ROUTES = Registry()

EXPIRED, MISSED = "expired", "missed"
AGAIN = "`/mock request` finds you a new partner."
SORRY = "Sorry your partner didn't come to your mock interview."


def _closed_seat(ctx: Ctx, value: str) -> tuple[MockSeat, MockPairing]:
    """The caller's seat in a mock that closed unconfirmed, or refuse."""
    seat, pairing = seat_in(ctx, value)
    if pairing.status != EXPIRED or seat.status not in (EXPIRED, MISSED):
        raise UserError(NOT_YOURS)
    return seat, pairing


def _already(seat: MockSeat) -> Reply | None:
    if seat.unmet_reason not in UNMET_REASONS:
        return None
    said = UNMET_REASONS[seat.unmet_reason]
    return Reply.note(f"You already told me why you didn't meet: “{said}”. {AGAIN}")


@ROUTES.action("mock.unmet")
def did_not_meet(ctx: Ctx, value: str) -> Reply:
    seat, pairing = _closed_seat(ctx, value)
    told = _already(seat)
    if told is not None:
        return told
    buttons = tuple(
        Button(label, "mock.unmet.why", f"{pairing.id}:{reason}")
        for reason, label in UNMET_REASONS.items()
    )
    card = Card(
        title="What happened?",
        text="Tell me why you didn't meet, so I can help with the next one. Nobody loses points.",
        buttons=buttons,
    )
    return Reply.ephemeral(card)


@ROUTES.action("mock.unmet.why")
def why_not_met(ctx: Ctx, value: str) -> Reply:
    raw_pairing, _, reason = value.partition(":")
    seat, pairing = _closed_seat(ctx, raw_pairing)
    if reason not in UNMET_REASONS:
        raise UserError(NOT_YOURS)
    told = _already(seat)
    if told is not None:
        return told
    seat.unmet_reason = reason
    if reason == RESCHEDULED:
        return _rescheduled(pairing)
    seat.status = MISSED
    if reason == COULD_NOT:
        return Reply.note(
            "Thanks for telling me. Nobody loses points for this one; next time, `/mock cancel` "
            f"tells your partner in time. {AGAIN}"
        )
    return _rematch(ctx, seat, pairing)


def _rescheduled(pairing: MockPairing) -> Reply:
    card = Card(
        title="Enjoy your mock",
        text=(
            "This mock is closed here, so I won't remind you of the new time. Once you have met, "
            "press **Give feedback** here: your partner gets it, and the mock counts when "
            "everyone confirms."
        ),
        buttons=(Button("Give feedback", "mock.done", str(pairing.id), Style.PRIMARY),),
    )
    return Reply.ephemeral(card)


def _rematch(ctx: Ctx, seat: MockSeat, pairing: MockPairing) -> Reply:
    """Put a member whose partner did not come first in line, and try to pair them now."""
    assert pairing.id is not None
    store = ctx.store(MockStore)
    profile = store.profile(ctx.member_id)
    if profile is None:
        return Reply.note(f"{SORRY} Set your mock profile again with `/profile set`, then {AGAIN}")
    if profile.paused:
        return Reply.note(f"{SORRY} Your mock interviews are paused: `/mock resume`, then {AGAIN}")
    if store.active_seat(ctx.member_id) is not None:
        return Reply.note(f"{SORRY} You already have a new partner: `/mock status` shows them.")
    round_id = asked_round(store.seats(pairing.id), ctx.member_id, seat.round)
    scope = Scope(store, ctx.clock, ctx.community)
    messages = requeue(scope, ctx.member_id, round_id, f"{SORRY} You are first in line.")
    paired = store.active_seat(ctx.member_id) is not None
    said = "I found you a new partner at once" if paired else "You are first in line"
    note = Message(Card(text=f"{SORRY} {said}: see your direct messages."))
    return Reply([note, *messages])
