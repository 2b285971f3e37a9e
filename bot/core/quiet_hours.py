"""Quiet hours: no reminder or nudge reaches a member between 22:00 and 08:00 in their zone.

The one exception is a reminder for a mock interview that starts within the hour: it goes out
whatever the local time, because waiting until morning would make it useless.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

QUIET_FROM = time(22, 0)
QUIET_UNTIL = time(8, 0)
URGENT_WITHIN = timedelta(hours=1)


def is_quiet(moment: datetime, tz: str) -> bool:
    """Whether an aware moment falls in the member's quiet hours (22:00 to 08:00 local)."""
    local = moment.astimezone(ZoneInfo(tz)).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def may_send(moment: datetime, tz: str, *, event_at: datetime | None = None) -> bool:
    """Whether a reminder may go out now: outside quiet hours, or about an event within the hour."""
    if event_at is not None and timedelta(0) <= event_at - moment <= URGENT_WITHIN:
        return True
    return not is_quiet(moment, tz)


def next_waking(moment: datetime, tz: str) -> datetime:
    """The first moment at or after this one that is outside the member's quiet hours."""
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    if not is_quiet(moment, tz):
        return moment
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_UNTIL, tzinfo=zone).astimezone(moment.tzinfo)
