"""`/mock`, `/mock request`, `/mock status`, `/mock cancel`: the member's place in the queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, option
from bot.core.cards import Card, Mention, Message, Reply, Text, rich
from bot.core.mock_availability import format_availability, local_label, parse_availability
from bot.core.mock_rules import RuleError
from bot.core.vocabulary import ROUNDS
from bot.core.words import plural
from bot.features.mock.cards import round_name
from bot.features.mock.dispute import pending_report_against
from bot.features.mock.match import (
    dissolve,
    fallback_of,
    round_to_join,
    try_instant,
    wait_limit,
)
from bot.features.mock.pairing import Scope
from bot.features.mock.profile import no_profile_reply, profile_fields
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.tables import MockPairing, MockProfile, MockRequest, MockSeat

ROUTES = Registry()

PAUSED = (
    "You are paused from mock interviews after 3 no-shows. "
    "`/mock resume` opts you back in whenever you are ready."
)
REQUEST_USAGE = '`/mock request round:onsite_coding` (add `window:"sat 10:00-14:00"` to narrow it)'


def scope_of(ctx: Ctx) -> Scope:
    """The caller's community's mock store, with the clock and the community."""
    return Scope(ctx.store(MockStore), ctx.clock, ctx.community)


def require_profile(ctx: Ctx) -> MockProfile | None:
    """Return the caller's profile; None means: answer with the profile walk-through."""
    return ctx.store(MockStore).profile(ctx.member_id)


def partners(ctx: Ctx, pairing: MockPairing) -> list[MockSeat]:
    """The other seats of the caller's pairing."""
    assert pairing.id is not None
    return [s for s in ctx.store(MockStore).seats(pairing.id) if s.member_id != ctx.member_id]


def names(ctx: Ctx, seats: list[MockSeat]) -> list[str]:
    """Mentions of the members in these seats, joined with "and"."""
    parts: list[str] = []
    for index, seat in enumerate(seats):
        if index:
            parts.append(" and ")
        parts.append(Mention(ctx.store(MockStore).member(seat.member_id).external_id))
    return parts


@ROUTES.command("mock", "start", "Your mock interview status, or how to start", default=True)
def mock_home(ctx: Ctx, options: NoOptions) -> Reply:
    if require_profile(ctx) is None:
        return no_profile_reply(ctx)
    return mock_status(ctx, options)


@dataclass(frozen=True, kw_only=True)
class RequestOptions:
    """`/mock request`: the round to practise, and optionally the hours it must fit."""

    round: str = option(
        "The interview round to practise", kind="choice", required=True, choices=ROUNDS
    )
    window: str | None = option(
        'Only these hours, e.g. "sat 10:00-14:00" (your time zone)', max_length=300
    )


@ROUTES.command(
    "mock", "request", "Ask for a mock interview partner with your target role", RequestOptions
)
def request_mock(ctx: Ctx, options: RequestOptions) -> Reply:
    profile = require_profile(ctx)
    if profile is None:
        return no_profile_reply(ctx)
    if profile.paused:
        raise UserError(PAUSED)
    _refuse_when_paired(ctx)
    return enter_queue(ctx, profile, options.round, _window(options.window))


def enter_queue(ctx: Ctx, profile: MockProfile, round_id: str, window: str | None) -> Reply:
    """Queue (or update) the caller's request: held for an open round, else paired if possible.

    The same rule as a round's Join button: while a round is open, a request belongs to it and
    is paired when it closes, so the round's summary counts every pair.
    """
    store = ctx.store(MockStore)
    request = store.waiting_request(ctx.member_id)
    updated = request is not None
    now = ctx.clock.now()
    if request is None:
        request = MockRequest(
            community_id=ctx.community_id, member_id=ctx.member_id, round=round_id
        )
        request.waiting_since = now
        store.add(request)
    request.round, request.window, request.updated_at = round_id, window, now
    request.mock_round_id = round_to_join(scope_of(ctx), request)
    store.flush()
    messages = try_instant(scope_of(ctx), request)
    if messages:
        return Reply([_matched_note(), *messages])
    return Reply.ephemeral(_waiting_card(ctx, profile, request, updated))


def _refuse_when_paired(ctx: Ctx) -> None:
    active = ctx.store(MockStore).active_seat(ctx.member_id)
    if active is not None:
        raise UserError(
            rich(
                "You are already paired with ",
                *names(ctx, partners(ctx, active[1])),
                ". After your mock, `/mock done` gives feedback; `/mock cancel` calls it off.",
            )
        )


def _window(raw: str | None) -> str | None:
    if raw is None:
        return None
    try:
        return format_availability(parse_availability(raw))
    except RuleError as error:
        raise UserError(error.text) from None


def _matched_note() -> Message:
    card = Card(
        title="You have a partner!",
        text="I sent you both a private message: who, when, the order and your interviewer packet.",
    )
    return Message(card)


def _waiting_card(ctx: Ctx, profile: MockProfile, request: MockRequest, updated: bool) -> Card:
    lines = [f"Round: **{round_name(request.round)}**."]
    if request.window:
        lines.append(f"Only these hours: {request.window}.")
    lines += _outlook(ctx, profile, request)
    title = "Updated your mock request." if updated else "You are in the mock queue."
    return Card(title=title, text="\n".join(lines), footer="`/mock status` · `/mock cancel`")


def _outlook(ctx: Ctx, profile: MockProfile, request: MockRequest) -> list[str]:
    """Say what will happen to a waiting request, and nothing that will not."""
    if not ctx.store(MockStore).has_role_peer(ctx.member_id, profile.role):
        alone = (
            f"Nobody else here has {profile.role} as target role yet, so you may wait a while: "
            "invite a study friend to `/profile set`."
        )
        if _round_closes(ctx, request) is not None:
            return [alone, *_round_hint(ctx, request)]
        # No round is open, and a future one pairs by target role: promise nothing of it.
        return [f"{alone} You stay in the queue until someone with your target role asks."]
    if _round_closes(ctx, request) is not None:
        return _round_hint(ctx, request)
    first = (
        "I'll pair you as soon as someone new with your target role and hours that overlap "
        "yours asks (or, if a mock round opens first, when it closes)."
    )
    fallback = fallback_of(scope_of(ctx), request)
    if fallback is not None:
        who = (
            "someone you were paired with before"
            if fallback.past_partner
            else "someone waiting whose hours do not overlap yours (you agree a time together)"
        )
        when = local_label(fallback.at, timezone_of(ctx.member, ctx.community))
        return [
            first,
            f"If nobody new asks (and no mock round opens) by {when}, I'll pair you with {who}.",
        ]
    limit = plural(wait_limit(scope_of(ctx)), "hour")
    later = (
        f"After {limit} of waiting, anyone with your target role who asks will do, "
        "even someone you were paired with before."
    )
    return [first, later]


def _round_closes(ctx: Ctx, request: MockRequest) -> datetime | None:
    joined = ctx.store(MockStore).round(request.mock_round_id or -1)
    return joined.closes_at if joined is not None and joined.status == "open" else None


def _round_hint(ctx: Ctx, request: MockRequest) -> list[str]:
    closes = _round_closes(ctx, request)
    if closes is None:
        return ["Otherwise the next mock round pairs everyone who is waiting."]
    tz = timezone_of(ctx.member, ctx.community)
    return [f"A mock round closes {local_label(closes, tz)}: you are part of it."]


@ROUTES.command("mock", "status", "Where you are: queue, partner, profile")
def mock_status(ctx: Ctx, _: NoOptions) -> Reply:
    profile = require_profile(ctx)
    if profile is None:
        return no_profile_reply(ctx)
    status = Reply.ephemeral(
        Card(
            title="Your mock interviews",
            text=_state(ctx, profile),
            fields=profile_fields(ctx, profile),
        )
    )
    # A report against the member waits on them: show it, with its Dispute button, while it can.
    reported = pending_report_against(ctx)
    return Reply([*status.messages, *reported.messages]) if reported else status


def _state(ctx: Ctx, profile: MockProfile) -> Text:
    tz = timezone_of(ctx.member, ctx.community)
    if profile.paused:
        return PAUSED
    active = ctx.store(MockStore).active_seat(ctx.member_id)
    if active is not None:
        seat, pairing = active
        when = local_label(pairing.proposed_at, tz) if pairing.proposed_at else "to be agreed"
        return rich(
            "Paired with ",
            *names(ctx, partners(ctx, pairing)),
            f" · proposed time {when}. Your packet: {round_name(seat.round)}.",
        )
    request = ctx.store(MockStore).waiting_request(ctx.member_id)
    if request is None:
        return f"Not in the queue. {REQUEST_USAGE} finds you a partner."
    first = " You are first in line." if request.priority else ""
    since = local_label(request.waiting_since, tz)
    waiting = f"Waiting for a partner for **{round_name(request.round)}** since {since}.{first}"
    return "\n".join([waiting, *_outlook(ctx, profile, request)])


@ROUTES.command("mock", "cancel", "Cancel your request, or your upcoming mock")
def cancel_mock(ctx: Ctx, _: NoOptions) -> Reply:
    request = ctx.store(MockStore).waiting_request(ctx.member_id)
    if request is not None:
        request.status, request.updated_at = "cancelled", ctx.clock.now()
        return Reply.note(
            f"Cancelled your {round_name(request.round)} request. Nothing else changed."
        )
    active = ctx.store(MockStore).active_seat(ctx.member_id)
    if active is None:
        return Reply.note(f"You have nothing to cancel. {REQUEST_USAGE} finds you a partner.")
    others = names(ctx, partners(ctx, active[1]))
    why = rich(Mention(ctx.member.external_id), " had to cancel your mock interview.")
    messages = dissolve(scope_of(ctx), active[1], ctx.member_id, "cancelled", why)
    note = rich(
        "Cancelled your mock with ",
        *others,
        ". They are back in the queue, first in line, and know why.",
    )
    return Reply([Message(Card(text=note)), *messages])
