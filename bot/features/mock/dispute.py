"""A no-show report is held for a day: the member reported absent may dispute it, else it counts.

When the two partners disagree, nobody is penalised: a dispute cancels the points and the strike.
The scheduler confirms an undisputed report once its day is over (see mock_schedule.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError, row_id
from bot.core.actors import Actor
from bot.core.cards import Button, Card, Mention, Message, Reply, Style, Visibility, rich
from bot.core.clock import Clock
from bot.core.mock_availability import local_label
from bot.core.mock_rules import dispute_deadline
from bot.core.points import POINTS, Reason
from bot.features.leaderboard.ledger import award
from bot.features.mock.store import member_in, profile_of, timezone_of, waiting_request_of
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
    ctx.session.add(report)
    ctx.session.flush()
    absent.status = "reported"
    return report_notice(ctx.session, ctx.community, report, pairing)


def report_notice(
    session: Session, community: Community, report: MockNoShow, pairing: MockPairing
) -> Message:
    """Tell the member reported absent, in their zone, until when and how to dispute it."""
    absent = member_in(session, report.community_id, report.absent_member_id)
    reporter = member_in(session, report.community_id, report.reporter_member_id)
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
    session, community_id = ctx.session, ctx.community_id
    query = (
        select(MockNoShow)
        .where(
            MockNoShow.community_id == community_id,
            MockNoShow.absent_member_id == ctx.member_id,
            MockNoShow.status == PENDING,
            col(MockNoShow.dispute_by) > ctx.clock.now(),
        )
        .order_by(col(MockNoShow.id).desc())
    )
    report = session.exec(query).first()
    pairing = None if report is None else session.get(MockPairing, report.pairing_id)
    if report is None or pairing is None:
        return None
    notice = report_notice(session, ctx.community, report, pairing)
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
    _set_seat(ctx.session, report, "disputed")
    reporter = member_in(ctx.session, ctx.community_id, report.reporter_member_id)
    note = rich(
        "Disputed. When the two of you disagree, nobody is penalised: you lose no points and "
        "get no strike. ",
        Mention(reporter.external_id),
        " is told.",
    )
    return Reply([Message(Card(text=note)), _tell_reporter(ctx, report, reporter)])


def _report_in(ctx: Ctx, raw_id: str) -> MockNoShow:
    found = row_id(raw_id)
    report = None if found is None else ctx.session.get(MockNoShow, found)
    if report is None or report.community_id != ctx.community_id:
        raise UserError(NOT_YOURS)
    if report.absent_member_id != ctx.member_id:
        raise UserError(NOT_YOURS)
    return report


def _tell_reporter(ctx: Ctx, report: MockNoShow, reporter: Member) -> Message:
    pairing = ctx.session.get(MockPairing, report.pairing_id)
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


def _set_seat(session: Session, report: MockNoShow, status: str) -> None:
    query = select(MockSeat).where(
        MockSeat.community_id == report.community_id,
        MockSeat.pairing_id == report.pairing_id,
        MockSeat.member_id == report.absent_member_id,
    )
    for seat in session.exec(query):
        seat.status = status


def due_reports(session: Session, now: datetime) -> list[tuple[MockNoShow, Community]]:
    """Reports nobody disputed in their day, with their community: they count now."""
    query = (
        select(MockNoShow, Community)
        .join(Community, col(Community.id) == MockNoShow.community_id)
        .where(MockNoShow.status == PENDING, col(MockNoShow.dispute_by) <= now)
    )
    return [(report, community) for report, community in session.exec(query)]


def confirm_noshow(
    *, session: Session, clock: Clock, community_id: int, report_id: int
) -> list[Message]:
    """Make an undisputed report count: points off and a strike, once; tell the member."""
    report = session.get(MockNoShow, report_id)
    community = session.get(Community, community_id)
    if report is None or community is None or report.community_id != community_id:
        return []
    if report.status != PENDING or clock.now() < report.dispute_by:
        return []
    report.status, report.settled_at = CONFIRMED, clock.now()
    _set_seat(session, report, "noshow")
    absent = member_in(session, community_id, report.absent_member_id)
    ctx = _member_ctx(session, clock, community, absent)
    lost = award(ctx, Reason.NO_SHOW, f"mock:{report.pairing_id}", member_id=ctx.member_id)
    paused = strike(session, community_id, ctx.member_id)
    return [_confirmed_notice(absent.external_id, lost, paused)]


def _member_ctx(session: Session, clock: Clock, community: Community, member: Member) -> Ctx:
    """A context for scheduled work done on a member's behalf (points go through the ledger)."""
    actor = Actor(community.platform, community.external_id, member.external_id)
    return Ctx(session, actor, clock, community, member)


def strike(session: Session, community_id: int, member_id: int) -> bool:
    """Count a confirmed no-show; the third pauses the member and cancels their waiting request."""
    profile = profile_of(session, community_id, member_id)
    if profile is None:
        return False
    profile.strikes += 1
    if profile.strikes < PAUSE_AFTER:
        return False
    profile.paused = True
    request = waiting_request_of(session, community_id, member_id)
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
