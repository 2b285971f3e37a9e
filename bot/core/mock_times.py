"""Agreeing a mock's time: the answer-by deadline, shared slots to offer, a time a member types."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.calendar import local_moment
from bot.core.mock_availability import FULL_DAYS, SLOT_MINUTES, WEEK_SLOTS, week_start
from bot.core.mock_rules import RuleError, quoted
from bot.core.vocabulary import WEEKDAYS

ANSWER_WITHIN = timedelta(hours=24)
OPTION_LEAD = timedelta(hours=4)  # as far ahead as a new pairing's first proposal
EARLIEST_OWN = timedelta(hours=1)
LATEST_OWN = timedelta(days=21)
OPTIONS = 3
BLOCK = 2  # an hour: two half-hour slots in a row
REMINDERS = (timedelta(hours=24), timedelta(hours=1))
SPACE_LIFETIME = timedelta(days=1)
WHEN_EXAMPLE = "`thu 18:30` or `2026-12-10 18:30`"
_WHEN = re.compile(
    r"^(?:(?P<day>[a-z]+)|(?P<date>\d{4}-\d{2}-\d{2}))\s+(?P<h>\d{1,2}):(?P<m>\d{2})$"
)


class WhenError(RuleError):
    """A suggested time cannot be read or cannot be used; the message says why."""


def answer_by(offered: datetime, start: datetime) -> datetime:
    """Until when members may accept a proposed time: 24 hours, never past the time itself."""
    return min(offered + ANSWER_WITHIN, start)


def shared_options(
    masks: list[int], now: datetime, avoid: datetime | None, count: int = OPTIONS
) -> list[datetime]:
    """The next starts (one a day) where everyone has an hour free, after the lead time.

    A start overlapping the time already proposed (`avoid`) is no alternative, so it is skipped.
    """
    common = masks[0]
    for mask in masks[1:]:
        common &= mask
    if not common:
        return []
    origin = week_start(now)
    first = -(-int((now + OPTION_LEAD - origin).total_seconds()) // (SLOT_MINUTES * 60))
    found: list[datetime] = []
    for slot in range(first, first + 2 * WEEK_SLOTS):
        if all(common >> ((slot + k) % WEEK_SLOTS) & 1 for k in range(BLOCK)):
            start = origin + timedelta(minutes=slot * SLOT_MINUTES)
            clash = avoid is not None and abs(start - avoid) < BLOCK * timedelta(
                minutes=SLOT_MINUTES
            )
            if not clash and (not found or start.date() > found[-1].date()):
                found.append(start)
        if len(found) == count:
            break
    return found


def parse_when(text: str, tz: str, now: datetime) -> datetime:
    """Read "thu 18:30" (the next Thursday) or "2026-12-10 18:30" in a member's zone, as UTC."""
    match = _WHEN.match(" ".join(text.lower().split()))
    if match is None:
        raise WhenError(*quoted(text), f" is not a time I can read; write it like {WHEN_EXAMPLE}.")
    hour, minute = int(match["h"]), int(match["m"])
    if hour > 23 or minute > 59:
        raise WhenError(*quoted(text), " has a time that does not exist; write times like 18:30.")
    local_today = now.astimezone(ZoneInfo(tz)).date()
    day = (
        _date(match["date"], text) if match["date"] else _next_day(match["day"], text, local_today)
    )
    start = local_moment(day, time(hour, minute), tz)
    if match["day"] and start < now + EARLIEST_OWN:
        start = local_moment(day + timedelta(days=7), time(hour, minute), tz)
    if start < now + EARLIEST_OWN:
        raise WhenError("Suggest a time at least an hour from now.")
    if start > now + LATEST_OWN:
        raise WhenError("Suggest a time within the next three weeks.")
    return start


def _date(text: str, typed: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise WhenError(*quoted(typed), " has a date that does not exist.") from None


def _next_day(name: str, typed: str, today: date) -> date:
    if name in ("today", "tomorrow"):
        return today + timedelta(days=0 if name == "today" else 1)
    for index, day in enumerate(WEEKDAYS):
        if name in (day, FULL_DAYS[index]):
            return today + timedelta(days=(index - today.weekday()) % 7)
    raise WhenError(*quoted(typed), f" names no day I know; write it like {WHEN_EXAMPLE}.")
