"""A no-show report is held for a day: the member reported absent may dispute it, else it counts.

When the two partners disagree, nobody is penalised: a dispute cancels the points and the strike.
The scheduler confirms an undisputed report once its day is over (see mock_schedule.py).
"""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError, row_id
from bot.core.cards import Button, Card, Mention, Message, Reply, Style, Visibility, rich
from bot.core.clock import Clock
from bot.core.mock_availability import local_label
from bot.core.mock_rules import dispute_deadline
from bot.core.points import POINTS, Reason
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.tables import MockNoShow, MockPairing, MockSeat
from bot.storage.tables import Community, Member

ROUTES = Registry()

PENDING, DISPUTED, CONFIRMED = "pending", "disputed", "confirmed"
PAUSE_AFTER = 3
NOT_YOURS = "That report is not about you. `/mock status` shows where you are."
CANCEL_TIP = " If you can't make a mock, `/mock cancel` tells your partner in time."


def open_report(ctx: Ctx, pairing: MockPairing, absent: MockSeat) -> Message:
    """Hold a no-show report for a day; return the notice for the member reported."""
    assert pairing.id is not None
    now = ctx.clock.now()
    report = MockNoShow(
        community_id=ctx.community_id,
        pairing_id=pairing.id,
        reporter_member_id=ctx.member_id,
        absent_member_id=absent.member_id,
        reported_at=now,
        dispute_by=dispute_deadline(now),
    )
    store = ctx.store(MockStore)
    store.add(report)
    store.flush()
    absent.status = "reported"
    return report_notice(store, ctx.community, report, pairing)


def report_notice(
    store: MockStore, community: Community, report: MockNoShow, pairing: MockPairing
) -> Message:
    """Tell the member reported absent, in their zone, until when and how to dispute it."""
    absent = store.member(report.absent_member_id)
    reporter = store.member(report.reporter_member_id)
    tz = timezone_of(absent, community)
    planned = f" planned for {local_label(pairing.proposed_at, tz)}" if pairing.proposed_at else ""
    text = rich(
        Mention(reporter.external_id),
        f" reported that you did not come to your mock interview{planned}. If you were there, "
        f"press **Dispute** by {local_label(report.dispute_by, tz)}: when the two of you "
        "disagree, nobody is penalised. If you don't, the no-show counts then: "
        f"{POINTS[Reason.NO_SHOW]} points and a strike (three pause your mock interviews).",
    )
    card = Card(
        title="Did you miss your mock interview?",
        text=text,
        buttons=(Button("Dispute", "mock.dispute", str(report.id), Style.DANGER),),
        footer=CANCEL_TIP.strip(),
    )
    return Message(card, Visibility.DIRECT, to_member=absent.external_id)


def pending_report_against(ctx: Ctx) -> Reply | None:
    """Remind a member reported absent that Dispute is their answer, while they can press it."""
    store = ctx.store(MockStore)
    report = store.pending_report_against(ctx.member_id, ctx.clock.now())
    pairing = None if report is None else store.pairing(report.pairing_id)
    if report is None or pairing is None:
        return None
    notice = report_notice(store, ctx.community, report, pairing)
    return Reply.ephemeral(notice.card)


@ROUTES.action("mock.dispute")
def dispute_noshow(ctx: Ctx, value: str) -> Reply:
    report = _report_in(ctx, value)
    if report.status == DISPUTED:
        return Reply.note("You already disputed this report: nobody is penalised for that mock.")
    tz = timezone_of(ctx.member, ctx.community)
    if report.status == CONFIRMED or ctx.clock.now() >= report.dispute_by:
        raise UserError(
            f"The time to dispute this report ended {local_label(report.dispute_by, tz)}, so the "
            "no-show counts. Something off? Ask an admin."
        )
    report.status, report.settled_at = DISPUTED, ctx.clock.now()
    ctx.store(MockStore).set_absent_seat(report, "disputed")
    reporter = ctx.store(MockStore).member(report.reporter_member_id)
    note = rich(
        "Disputed. When the two of you disagree, nobody is penalised: you lose no points and "
        "get no strike. ",
        Mention(reporter.external_id),
        " is told.",
    )
    return Reply([Message(Card(text=note)), _tell_reporter(ctx, report, reporter)])


def _report_in(ctx: Ctx, raw_id: str) -> MockNoShow:
    found = row_id(raw_id)
    report = None if found is None else ctx.store(MockStore).report(found)
    if report is None or report.absent_member_id != ctx.member_id:
        raise UserError(NOT_YOURS)
    return report


def _tell_reporter(ctx: Ctx, report: MockNoShow, reporter: Member) -> Message:
    pairing = ctx.store(MockStore).pairing(report.pairing_id)
    tz = timezone_of(reporter, ctx.community)
    planned = ""
    if pairing is not None and pairing.proposed_at is not None:
        planned = f" planned for {local_label(pairing.proposed_at, tz)}"
    text = rich(
        Mention(ctx.member.external_id),
        f" disputes that they missed your mock interview{planned}. When the two of you "
        "disagree, nobody is penalised, so the no-show does not count. Nothing changes for you.",
    )
    card = Card(title="No-show report disputed", text=text)
    return Message(card, Visibility.DIRECT, to_member=reporter.external_id)


def confirm_noshow(*, store: MockStore, clock: Clock, report_id: int) -> list[Message]:
    """Make an undisputed report count: points off and a strike, once; tell the member."""
    report = store.report(report_id)
    if report is None or report.status != PENDING or clock.now() < report.dispute_by:
        return []
    report.status, report.settled_at = CONFIRMED, clock.now()
    store.set_absent_seat(report, "noshow")
    absent = store.member(report.absent_member_id)
    lost = store.award(clock, absent, Reason.NO_SHOW, f"mock:{report.pairing_id}")
    paused = strike(store, report.absent_member_id)
    return [_confirmed_notice(absent.external_id, lost, paused)]


def strike(store: MockStore, member_id: int) -> bool:
    """Count a confirmed no-show; the third pauses the member and cancels their waiting request."""
    profile = store.profile(member_id)
    if profile is None:
        return False
    profile.strikes += 1
    if profile.strikes < PAUSE_AFTER:
        return False
    profile.paused = True
    request = store.waiting_request(member_id)
    if request is not None:
        request.status = "cancelled"
    return True


def _confirmed_notice(external_id: str, lost: int, paused: bool) -> Message:
    text = "Nobody disputed the report that you missed your mock interview, so it counts"
    text += f" ({lost} points)." if lost else "."
    if paused:
        text += (
            " That is your third no-show, so you are paused from mock rounds. "
            "`/mock resume` opts you back in when you are ready."
        )
    else:
        text += CANCEL_TIP
    card = Card(title="Missed mock interview", text=text)
    return Message(card, Visibility.DIRECT, to_member=external_id)
