"""Weekly availability: parse "mon-fri 18:00-21:00, sat 10:00-14:00", compare, propose a time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from bot.core.mock_rules import RuleError, quoted
from bot.core.vocabulary import WEEKDAYS

DAYS = WEEKDAYS
FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SLOT_MINUTES = 30
WEEK_MINUTES = 7 * 24 * 60
WEEK_SLOTS = WEEK_MINUTES // SLOT_MINUTES
DEFAULT_AVAILABILITY = "daily 09:00-21:00"
DAY_ALIASES = {
    "daily": tuple(range(7)),
    "everyday": tuple(range(7)),
    "weekdays": tuple(range(5)),
    "weekends": (5, 6),
    "weekend": (5, 6),
}
_RANGE = re.compile(r"^(\d{1,2})(?::(\d{2}))?-(\d{1,2})(?::(\d{2}))?$")
_DAY_HELP = (
    "use mon, tue, wed, thu, fri, sat, sun, a range like mon-fri, weekdays, weekends or daily"
)
_MIDNIGHT_HELP = "A window past midnight is two windows: `fri 22:00-24:00, sat 00:00-01:00`."


class AvailabilityError(RuleError):
    """The availability or time zone text cannot be read; the message says why."""


@dataclass(frozen=True, order=True)
class Window:
    """One weekly window in the member's own time zone: a day and minutes from midnight."""

    day: int
    start: int
    end: int


def parse_availability(text: str) -> tuple[Window, ...]:
    """Read windows like "mon-fri 18:00-21:00, sat 10:00-14:00"; merge overlaps."""
    chunks = [c.strip() for c in re.split(r"[,;\n]", text.lower()) if c.strip()]
    if not chunks:
        raise AvailabilityError(f"Give at least one window, like `{DEFAULT_AVAILABILITY}`.")
    windows: list[Window] = []
    for chunk in chunks:
        windows.extend(_parse_chunk(chunk))
    return _merge(windows)


def _parse_chunk(chunk: str) -> list[Window]:
    words = chunk.replace("every day", "everyday").split()
    ranges = [w for w in words if _RANGE.match(w)]
    days = [d for word in words if not _RANGE.match(word) for d in _parse_days(word)]
    if not days:
        raise AvailabilityError(*quoted(chunk), f" names no day; {_DAY_HELP}.")
    if not ranges:
        raise AvailabilityError(*quoted(chunk), " has no hours; write them like `18:00-21:00`.")
    spans = [_parse_range(r) for r in ranges]
    return [Window(day, start, end) for day in days for start, end in spans]


def _parse_days(word: str) -> tuple[int, ...]:
    if word in DAY_ALIASES:
        return DAY_ALIASES[word]
    first, dash, last = word.partition("-")
    start = _day(first, word)
    end = _day(last, word) if dash else start
    if end < start:
        return (*range(start, 7), *range(end + 1))
    return tuple(range(start, end + 1))


def _day(name: str, word: str) -> int:
    for index, day in enumerate(DAYS):
        if name in (day, FULL_DAYS[index]):
            return index
    raise AvailabilityError(*quoted(word), f" is not a day; {_DAY_HELP}.")


def _parse_range(word: str) -> tuple[int, int]:
    match = _RANGE.match(word)
    assert match is not None
    start = _minutes(match.group(1), match.group(2), word)
    end = _minutes(match.group(3), match.group(4), word)
    if end <= start:
        raise AvailabilityError(*quoted(word), f" ends before it starts. {_MIDNIGHT_HELP}")
    return start, end


def _minutes(hours: str, minutes: str | None, word: str) -> int:
    value = int(hours) * 60 + int(minutes or 0)
    if int(minutes or 0) > 59 or value > 24 * 60:
        raise AvailabilityError(
            *quoted(word), " has a time that does not exist; write times like 18:00."
        )
    return value


def _merge(windows: list[Window]) -> tuple[Window, ...]:
    merged: list[Window] = []
    for window in sorted(windows):
        last = merged[-1] if merged else None
        if last is not None and last.day == window.day and window.start <= last.end:
            merged[-1] = Window(last.day, last.start, max(last.end, window.end))
        else:
            merged.append(window)
    return tuple(merged)


def format_availability(windows: tuple[Window, ...]) -> str:
    """Write windows back as text, grouping days that share the same hours."""
    by_day: dict[int, list[str]] = {}
    for window in windows:
        by_day.setdefault(window.day, []).append(f"{_hhmm(window.start)}-{_hhmm(window.end)}")
    groups: list[tuple[list[int], str]] = []
    for day in sorted(by_day):
        hours = " ".join(by_day[day])
        if groups and groups[-1][1] == hours and groups[-1][0][-1] == day - 1:
            groups[-1][0].append(day)
        else:
            groups.append(([day], hours))
    return ", ".join(f"{_day_span(days)} {hours}" for days, hours in groups)


def _day_span(days: list[int]) -> str:
    if len(days) == 7:
        return "daily"
    if len(days) == 1:
        return DAYS[days[0]]
    return f"{DAYS[days[0]]}-{DAYS[days[-1]]}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def canonical_timezone(text: str) -> str:
    """Return the IANA name for a time zone typed in any case, or raise AvailabilityError."""
    name = _zones().get(text.strip().lower())
    if name is None:
        raise AvailabilityError(
            *quoted(text, 60),
            " is not a time zone I know. Use an IANA name like "
            "`Europe/London`, `America/New_York`, `Asia/Kolkata` or `UTC`.",
        )
    return name


def week_start(moment: datetime) -> datetime:
    """Return Monday 00:00 UTC of the week holding the moment: the origin of slot numbers."""
    utc = moment.astimezone(UTC)
    monday = utc.date() - timedelta(days=utc.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=UTC)


def week_slots(windows: tuple[Window, ...], tz: str, origin: datetime) -> int:
    """Return the week's half-hour slots (bit i = slot i after origin, in UTC) the windows cover."""
    zone = ZoneInfo(tz)
    mask = 0
    for window in windows:
        day = origin.date() + timedelta(days=window.day)
        local = datetime(day.year, day.month, day.day, tzinfo=zone)
        start = (local + timedelta(minutes=window.start)).astimezone(UTC)
        offset = int((start - origin).total_seconds() // 60)
        first = offset // SLOT_MINUTES
        count = -(-(window.end - window.start) // SLOT_MINUTES)
        for slot in range(first, first + count):
            mask |= 1 << (slot % WEEK_SLOTS)
    return mask


def propose_time(common: int, now: datetime, lead: timedelta, block: int = 2) -> datetime | None:
    """Return the earliest start after now + lead with `block` shared slots in a row, if any."""
    if not common:
        return None
    origin = week_start(now)
    first = -(-int((now + lead - origin).total_seconds()) // (SLOT_MINUTES * 60))
    for size in (block, 1):
        for step in range(WEEK_SLOTS):
            slot = first + step
            if all(common >> ((slot + k) % WEEK_SLOTS) & 1 for k in range(size)):
                return origin + timedelta(minutes=slot * SLOT_MINUTES)
    return None


def local_label(moment: datetime, tz: str) -> str:
    """Show a moment in a member's own time zone, like "Thu 3 Dec, 18:00 (Europe/Paris)"."""
    local = moment.astimezone(ZoneInfo(tz))
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M} ({tz})"
