"""A live sprint's calendar on the scheduler: what its channel is due and when.

The question of the day and the answer's reveal (built by the daily feature), the weekly
leaderboard post on Mondays, and the recap the day after the last day, which ends the sprint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.content import DayFilter
from bot.core.calendar import Calendar
from bot.core.cards import Message, Visibility
from bot.core.clock import Clock
from bot.features.leaderboard.api import recap_card, weekly_card
from bot.features.sprints.alerts import alert_admin
from bot.features.sprints.calendar import calendar_of
from bot.features.sprints.handlers import LATE_GRACE
from bot.features.sprints.store import sprint_by_id, sprints_among
from bot.features.sprints.store.pending import sprints_with_work
from bot.features.sprints.tables import Sprint
from bot.scheduling.claims import Due, Kind, Look
from bot.storage.tables import Community
from bot.storage.uow import Session

__all__ = [
    "KINDS",
    "alert_admin",
    "build_recap",
    "build_weekly",
    "find_sprint_work",
]  # alert_admin: its old home


PAGE = 100  # sprints read at a time (each with its plan), so a big tick holds few at once


def find_sprint_work(session: Session, look: Look, found: list[Due]) -> None:
    """Add what each live sprint's channel is due now.

    The database first leaves out the sprints whose day is settled (store/pending.py); the
    rest are read a page at a time and worked out here.
    """
    ids = sprints_with_work(session, look)
    for start in range(0, len(ids), PAGE):
        for sprint, community in sprints_among(session, ids[start : start + PAGE]):
            found.extend(_sprint_due(sprint, community, look.now, look.catch_up))


def _sprint_due(sprint: Sprint, community: Community, now: datetime, catch_up: bool) -> list[Due]:
    assert community.id is not None
    cal = calendar_of(sprint)
    today = now.astimezone(ZoneInfo(sprint.timezone)).date()

    def due(kind: str, day: date) -> Due:
        return Due(
            community.id or 0,
            community.platform,
            community.external_id,
            sprint.channel_id,
            kind,
            day.isoformat(),
            sprint.id,
        )

    work = _reveals_due(sprint, cal, today, now, due)
    if sprint.status != "active":  # paused: only the answer to the last question posted
        return work
    post_at = cal.post_at(today)
    late = now - post_at
    plan = cal.focus_on(today)
    if plan and late >= timedelta(0) and (catch_up or late <= LATE_GRACE):
        work.append(replace(due("daily", today), focus=DayFilter.of(plan)))
    if (
        today.weekday() == 0
        and sprint.start_date < today <= cal.end + timedelta(days=1)
        and late >= timedelta(0)
    ):
        work.append(due("weekly", today - timedelta(days=7)))
    if today > cal.end and now >= cal.post_at(cal.end + timedelta(days=1)):
        work.append(due("recap", cal.end))
    return work


def _reveals_due(
    sprint: Sprint, cal: Calendar, today: date, now: datetime, due: Callable[[str, date], Due]
) -> list[Due]:
    work = []
    for day in (today - timedelta(days=1), today):
        reveal_at = cal.post_at(day + timedelta(days=1)) - timedelta(
            minutes=sprint.reveal_lead_minutes
        )
        if cal.focus_on(day) and reveal_at <= now < reveal_at + timedelta(days=1):
            work.append(due("reveal", day))
    return work


def build_weekly(session: Session, clock: Clock, due: Due) -> list[Message]:
    card = weekly_card(session, due.community_id, date.fromisoformat(due.key))
    return [Message(card, Visibility.CHANNEL, channel=due.channel_id)] if card else []


def build_recap(session: Session, clock: Clock, due: Due) -> list[Message]:
    sprint = sprint_by_id(session, due.sprint_id)
    assert sprint is not None and sprint.community_id == due.community_id
    sprint.status, sprint.ended_at = "ended", clock.now()
    card = recap_card(session, sprint)
    return [Message(card, Visibility.CHANNEL, channel=due.channel_id)] if card else []


KINDS = (
    Kind("weekly", build=build_weekly, alert=alert_admin),
    Kind("recap", build=build_recap, alert=alert_admin),
)
