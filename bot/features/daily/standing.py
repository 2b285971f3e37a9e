"""Standing schedules on the scheduler: which channel is due its question, reveal or board.

Every minute the scheduler asks every schedule, so this reads them as plain rows in one query
and works out each time zone's local time once, not once a schedule. A channel a live sprint
holds is skipped: the sprint posts there, and the schedule resumes when it ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.calendar import local_moment
from bot.core.vocabulary import WEEKDAYS
from bot.features.daily.store import (
    ScheduleRow,
    ZoneNow,
    live_sprint_channels,
    schedule_zones,
    standing_rows,
)
from bot.scheduling.claims import Due, Look
from bot.storage.uow import Session

LATE_GRACE = timedelta(minutes=15)  # without catch-up, a post this late still goes out


@dataclass(frozen=True)
class LocalNow:
    """The moment in one time zone, as a schedule compares it."""

    day: date
    weekday: str
    clock: str  # HH:MM
    moment: datetime

    @classmethod
    def at(cls, now: datetime, tz: str) -> LocalNow:
        local = now.astimezone(ZoneInfo(tz))
        return cls(local.date(), WEEKDAYS[local.weekday()], f"{local:%H:%M}", local)

    def row(self, tz: str) -> ZoneNow:
        """What the database compares each schedule of this zone against."""
        midnight = local_moment(self.day, time(0, 0), tz).replace(tzinfo=None)
        week_ago = (self.day - timedelta(days=7)).isoformat()
        return (tz, self.day.isoformat(), self.clock, self.weekday, week_ago, midnight)


def find_standing_work(session: Session, look: Look, found: list[Due]) -> None:
    """Add what each channel's standing schedule is due now (and has not done yet)."""
    zones = {tz: LocalNow.at(look.now, tz) for tz in schedule_zones(session)}
    rows = standing_rows(session, look.platforms, [local.row(tz) for tz, local in zones.items()])
    held = live_sprint_channels(session) if rows else {}
    for row in rows:
        due = standing_due(row, zones[row[3]], look.catch_up)
        sprint_start = held.get((row[0], row[1]))
        if sprint_start is not None:  # the sprint posts; only the schedule's last answer is due
            due = [d for d in due if d.kind == "reveal" and d.key < sprint_start.isoformat()]
        found.extend(due)


def standing_due(row: ScheduleRow, local: LocalNow, catch_up: bool = True) -> list[Due]:
    """The work one schedule is due at a local moment: reveal, question, weekly board."""
    community, channel, post_time, tz, days, _track, board, lead, platform, ref, created = row
    if local.weekday not in days and board != local.weekday:
        return []  # a day off, decided without building anything

    def due(kind: str, day: date) -> Due:
        return Due(community, platform, ref, channel, kind, day.isoformat())

    work = []
    posts_today = local.weekday in days
    if posts_today and local.clock >= reveal_time(post_time, lead):
        previous = previous_post_day(local.day, days)
        if previous is not None:
            work.append(due("reveal", previous))
    if (
        posts_today
        and local.clock >= post_time
        and (catch_up or _in_grace(local, post_time))
        and not _set_after(created, local, post_time, tz)
    ):
        work.append(due("daily", local.day))
    if board == local.weekday and local.clock >= post_time:
        work.append(due("weekly", local.day - timedelta(days=7)))
    return work


def reveal_time(post_time: str, lead_minutes: int) -> str:
    """The local time the last answer is revealed: the lead before the post (not before 00:00)."""
    hours, minutes = (int(part) for part in post_time.split(":"))
    at = max(0, hours * 60 + minutes - lead_minutes)
    return f"{at // 60:02d}:{at % 60:02d}"


def previous_post_day(today: date, days: str) -> date | None:
    """The last day before today the schedule posted on (within a week)."""
    for back in range(1, 8):
        day = today - timedelta(days=back)
        if WEEKDAYS[day.weekday()] in days:
            return day
    return None


def _set_after(created: datetime, local: LocalNow, post_time: str, tz: str) -> bool:
    """Whether the schedule was made after today's post time (its first post is tomorrow's)."""
    if local.moment - _aware(created) > timedelta(days=1):
        return False  # the usual case, decided without a time zone conversion
    return _aware(created) > local_moment(local.day, time.fromisoformat(post_time), tz)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _in_grace(local: LocalNow, post_time: str) -> bool:
    hours, minutes = (int(part) for part in post_time.split(":"))
    late = local.moment - local.moment.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    return late <= LATE_GRACE
