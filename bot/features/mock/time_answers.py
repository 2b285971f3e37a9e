"""The buttons of a proposed time: Accept, Another time (shared slots or your own), the packet."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError, row_id
from bot.core.cards import Button, Card, Input, Mention, Modal, Reply, rich
from bot.core.mock_availability import local_label
from bot.core.mock_rules import RuleError
from bot.core.mock_times import (
    LATEST_OWN,
    WHEN_EXAMPLE,
    answer_by,
    parse_when,
    shared_options,
)
from bot.features.mock.cards import packet, time_value
from bot.features.mock.feedback import NOT_YOURS, seat_in
from bot.features.mock.pairing_people import people_of
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.store.time_table import CONFIRMED, MockTime
from bot.features.mock.tables import MockPairing
from bot.features.mock.time_offer import PACKET, accept, aware, joined, propose, weekly_masks

ROUTES = Registry()

CHANGED = "That time is no longer the one proposed: the latest is {when}. Use the newest message."


def _mine(ctx: Ctx, raw: str) -> tuple[MockPairing, MockTime]:
    """The caller's pairing still waiting for its time, with its agreed-time row, or refuse."""
    seat, pairing = seat_in(ctx, raw)
    agreed = None if pairing.id is None else ctx.store(MockStore).time_of(pairing.id)
    if pairing.status != "scheduled" or seat.status != "active" or agreed is None:
        raise UserError(NOT_YOURS)
    return pairing, agreed


def _when(ctx: Ctx, moment: datetime) -> str:
    return local_label(moment, timezone_of(ctx.member, ctx.community))


def _others(ctx: Ctx, agreed: MockTime, pending_only: bool = False) -> list[Mention]:
    people = people_of(ctx.store(MockStore), agreed.pairing_id)
    return [
        Mention(p.external_id)
        for p in people
        if p.member_id != ctx.member_id and not (pending_only and p.member_id in agreed.accepted)
    ]


@ROUTES.action("mock.accept")
def accept_time(ctx: Ctx, value: str) -> Reply:
    pairing_part, _, stamp = value.partition(":")
    _, agreed = _mine(ctx, pairing_part)
    start = aware(agreed.starts_at)
    if row_id(stamp) != int(start.timestamp()):
        raise UserError(CHANGED.format(when=_when(ctx, start)))
    if agreed.status == CONFIRMED:
        return Reply.note(f"Your mock is already confirmed for {_when(ctx, start)}.")
    messages = accept(ctx.store(MockStore), ctx.clock, agreed, ctx.member_id)
    if messages:
        return Reply(messages)
    deadline = answer_by(aware(agreed.offered_at), start)
    text = rich(
        f"You accepted {_when(ctx, start)}. Once ",
        *joined(_others(ctx, agreed, pending_only=True)).parts,
        " accepts too, you both get the confirmation and the calendar invite. If not by "
        f"{_when(ctx, deadline)}, the pairing is released and you go back to the front of "
        "the queue.",
    )
    return Reply.note(text, title="Accepted")


@ROUTES.action("mock.other")
def another_time(ctx: Ctx, value: str) -> Reply:
    pairing, agreed = _mine(ctx, value)
    assert pairing.id is not None
    if agreed.status == CONFIRMED:
        return Reply.note(
            f"Your mock is confirmed for {_when(ctx, aware(agreed.starts_at))}. If you cannot "
            "make it, `/mock cancel` tells your partner and puts them first in the queue."
        )
    store = ctx.store(MockStore)
    now = ctx.clock.now()
    masks = weekly_masks(store, people_of(store, pairing.id), now)
    options = shared_options(masks, now, aware(agreed.starts_at))
    buttons = [Button(_when(ctx, o), "mock.pick", time_value(pairing.id, o)) for o in options]
    buttons.append(Button("Suggest your own", "mock.own", str(pairing.id)))
    text = (
        "The next times you are all free, from your weekly hours (shown in your time zone). "
        "Pick one and I ask your partner to accept it."
        if options
        else "Your weekly hours share no free hour soon: suggest a time and I ask your partner."
    )
    return Reply.ephemeral(Card(title="Pick another time", text=text, buttons=tuple(buttons)))


@ROUTES.action("mock.pick")
def pick_time(ctx: Ctx, value: str) -> Reply:
    pairing_part, _, stamp = value.partition(":")
    pairing, agreed = _mine(ctx, pairing_part)
    seconds = row_id(stamp)
    if agreed.status == CONFIRMED or seconds is None:
        raise UserError(NOT_YOURS)
    start = datetime.fromtimestamp(seconds, UTC)
    if start > ctx.clock.now() + LATEST_OWN:
        raise UserError(NOT_YOURS)  # no button offers that: a forged or garbled value
    if start <= ctx.clock.now():
        raise UserError("That time has passed. Press **Another time** again for new ones.")
    return _proposed(ctx, pairing, agreed, start)


def _proposed(ctx: Ctx, pairing: MockPairing, agreed: MockTime, start: datetime) -> Reply:
    messages = propose(ctx.store(MockStore), ctx.clock, pairing, agreed, ctx.member_id, start)
    text = rich(
        "I asked ",
        *joined(_others(ctx, agreed)).parts,
        f" to accept {_when(ctx, start)}. "
        "You get the confirmation and the calendar invite once everyone has.",
    )
    return Reply([*Reply.note(text, title="New time proposed").messages, *messages])


@ROUTES.action("mock.own")
def own_time(ctx: Ctx, value: str) -> Reply:
    pairing, agreed = _mine(ctx, value)
    if agreed.status == CONFIRMED:
        raise UserError(NOT_YOURS)
    zone = timezone_of(ctx.member, ctx.community)
    when = Input(
        "when",
        f"Day and time, in your zone ({zone})"[:45],
        max_length=40,
        min_length=3,
        multiline=False,
        placeholder="thu 18:30",
    )
    return Reply.open(Modal("Suggest a time", "mock.own_form", str(pairing.id), (when,), "Ask"))


@ROUTES.submit("mock.own_form")
def own_time_sent(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    pairing, agreed = _mine(ctx, value)
    if agreed.status == CONFIRMED:
        raise UserError(NOT_YOURS)
    zone = timezone_of(ctx.member, ctx.community)
    try:
        start = parse_when(fields.get("when", ""), zone, ctx.clock.now())
    except RuleError as error:
        raise UserError(error.text) from None
    return _proposed(ctx, pairing, agreed, start)


@ROUTES.action(PACKET)
def show_packet(ctx: Ctx, value: str) -> Reply:
    seat, pairing = seat_in(ctx, value)
    if pairing.id is None:
        raise UserError(NOT_YOURS)
    store = ctx.store(MockStore)
    target = next(
        p for p in people_of(store, pairing.id) if p.member_id == seat.interviews_member_id
    )
    return Reply.ephemeral(packet(target, store.question(seat.question_id)))


__all__ = ["ROUTES", "WHEN_EXAMPLE"]
