"""When a digest is due: Monday at the member's practice DM time (else 09:00), never in quiet hours.

The digest of a week is keyed by the member's local Monday. It is due from its moment (moved
out of quiet hours: a 07:00 time waits until 08:00, a 23:00 one until Tuesday 08:00) until the
end of that waking day, and only within the grace when missed work is not caught up.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.calendar import local_moment
from bot.core.quiet_hours import is_quiet, next_waking

DEFAULT_AT = "09:00"
LATE_GRACE = timedelta(minutes=15)  # this late it still goes out without catch-up
# Every digest falls between Monday 08:00 and Tuesday 22:00 local. Across the zones on earth
# (UTC-12 to UTC+14) that is from Sunday 18:00 to Wednesday 10:00 UTC: outside it, none is due.
_OPENS = timedelta(days=6, hours=18)  # after Monday 00:00 UTC: Sunday 18:00
_CLOSES = timedelta(days=2, hours=10)  # Wednesday 10:00


def any_due(now: datetime) -> bool:
    """Whether a digest could be due anywhere on earth at this moment."""
    utc = now.astimezone(UTC)
    since_monday = utc - datetime.combine(utc.date() - timedelta(days=utc.weekday()), time(), UTC)
    return since_monday >= _OPENS or since_monday < _CLOSES


def waking_digest_day(now: datetime, tz: str) -> bool:
    """Whether it is Monday or Tuesday, outside quiet hours, in a zone: when digests go out."""
    local = now.astimezone(ZoneInfo(tz))
    return local.weekday() < 2 and not is_quiet(now, tz)


def mondays_around(now: datetime) -> list[date]:
    """The local Mondays a digest could be keyed by now, in any zone."""
    utc = now.astimezone(UTC)
    days = {(utc + timedelta(hours=h)).date() for h in (-12, 14)}
    return sorted({day - timedelta(days=day.weekday()) for day in days})


def zone_or_utc(tz: str) -> str:
    """Return the zone if it exists here, else UTC (a stored zone may come from elsewhere)."""
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return tz


def due_week(now: datetime, tz: str, at: str, *, catch_up: bool = True) -> date | None:
    """The Monday of the week whose digest is due now for a member of this zone and time."""
    local = now.astimezone(ZoneInfo(tz))
    monday = local.date() - timedelta(days=local.weekday())
    moment = next_waking(local_moment(monday, time.fromisoformat(at), tz), tz)
    if now < moment or is_quiet(now, tz) or moment.astimezone(ZoneInfo(tz)).date() != local.date():
        return None
    if not catch_up and now - moment > LATE_GRACE:
        return None
    return monday
