"""`/mock noshow` reports a partner who did not come; three that count pause a member.

The report is held for a day so the partner can dispute it (mock_dispute.py); `/mock resume`
ends a pause.
"""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError
from bot.core.cards import Button, Card, Mention, Message, Reply, rich
from bot.core.mock_availability import local_label
from bot.core.mock_rules import noshow_opens
from bot.features.mock.dispute import open_report, pending_report_against
from bot.features.mock.feedback import NOT_YOURS, seat_in
from bot.features.mock.match import dissolve
from bot.features.mock.profile import no_profile_reply
from bot.features.mock.queue import REQUEST_USAGE, require_profile, scope_of
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.tables import MockPairing, MockSeat

ROUTES = Registry()

NAME_LIMIT = 40


@ROUTES.command("mock", "noshow", "Report that your mock partner did not come")
def report_noshow(ctx: Ctx, _: NoOptions) -> Reply:
    active = ctx.store(MockStore).active_seat(ctx.member_id)
    if active is None:
        reported = pending_report_against(ctx)
        return reported or Reply.note(
            "You have no upcoming mock to report on. `/mock status` shows where you are."
        )
    return _ask_or_record(ctx, *active)


@ROUTES.action("mock.noshow")
def noshow_button(ctx: Ctx, value: str) -> Reply:
    seat, pairing = seat_in(ctx, value)
    if pairing.status != "scheduled" or seat.status != "active":
        raise UserError(NOT_YOURS)
    return _ask_or_record(ctx, seat, pairing)


@ROUTES.action("mock.ns")
def noshow_pick(ctx: Ctx, value: str) -> Reply:
    raw_pairing, _, raw_member = value.partition(":")
    seat, pairing = seat_in(ctx, raw_pairing)
    if pairing.status != "scheduled" or seat.status != "active":
        raise UserError(NOT_YOURS)
    absent = [s for s in _others(ctx, pairing) if str(s.member_id) == raw_member]
    if not absent:
        raise UserError(NOT_YOURS)
    return _record(ctx, pairing, absent[0])


def _others(ctx: Ctx, pairing: MockPairing) -> list[MockSeat]:
    assert pairing.id is not None
    seats = ctx.store(MockStore).seats(pairing.id)
    return [s for s in seats if s.member_id != ctx.member_id]


def _too_early(ctx: Ctx, pairing: MockPairing) -> None:
    """Refuse a report until 15 minutes after the proposed start, saying when it opens."""
    if pairing.proposed_at is None:
        return
    opens = noshow_opens(pairing.proposed_at)
    if ctx.clock.now() < opens:
        tz = timezone_of(ctx.member, ctx.community)
        raise UserError(
            f"Your mock is planned for {local_label(pairing.proposed_at, tz)}. If your partner "
            f"does not come, you can report it from {local_label(opens, tz)}, 15 minutes after "
            "the start. Can't make it yourself? `/mock cancel`."
        )


def _ask_or_record(ctx: Ctx, seat: MockSeat, pairing: MockPairing) -> Reply:
    _too_early(ctx, pairing)
    others = _others(ctx, pairing)
    if len(others) == 1:
        return _record(ctx, pairing, others[0])
    buttons = tuple(
        Button(
            f"{ctx.store(MockStore).member(s.member_id).display_name[:NAME_LIMIT]} didn't show",
            "mock.ns",
            f"{pairing.id}:{s.member_id}",
        )
        for s in others
    )
    return Reply.ephemeral(Card(title="Who did not come?", buttons=buttons))


def _record(ctx: Ctx, pairing: MockPairing, absent: MockSeat) -> Reply:
    """Hold a no-show report for the absent member to dispute; re-queue the others now."""
    _too_early(ctx, pairing)
    member = ctx.store(MockStore).member(absent.member_id)
    if absent.status == "done":
        raise UserError(
            rich(
                Mention(member.external_id),
                " already confirmed this mock happened, so it cannot be a no-show: when the two "
                "of you disagree, nobody is penalised. Something off? Ask an admin.",
            )
        )
    why = rich(
        Mention(member.external_id), " did not come to your mock interview. Sorry about that."
    )
    messages = dissolve(scope_of(ctx), pairing, absent.member_id, "noshow", why)
    told = open_report(ctx, pairing, absent)  # the absent seat counts once confirmed
    note = rich(
        "Noted: ",
        Mention(member.external_id),
        " did not come. They can dispute it for 24 hours; if they don't, it counts against "
        "them. You are first in line for a new partner.",
    )
    return Reply([Message(Card(text=note)), told, *messages])


@ROUTES.command("mock", "resume", "Opt back in to mock interviews after a pause")
def resume_mock(ctx: Ctx, _: NoOptions) -> Reply:
    profile = require_profile(ctx)
    if profile is None:
        return no_profile_reply(ctx)
    if not profile.paused:
        return Reply.note("You are not paused. `/mock request` finds you a partner.")
    profile.paused, profile.strikes, profile.updated_at = False, 0, ctx.clock.now()
    return Reply.note(f"Welcome back! You can join mock rounds again. {REQUEST_USAGE} asks now.")
