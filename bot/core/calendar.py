"""Sprint calendars: which day of a sprint it is, what it focuses on, and when things are due."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.vocabulary import WEEKDAYS


@dataclass(frozen=True)
class DayFocus:
    """What one sprint day is about (from a template week's day plan)."""

    focus: str
    difficulty: str | None = None
    round: str | None = None
    mock_round: str | None = None
    story_prompt: str | None = None
    topic: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class Week:
    theme: str
    days: Mapping[str, DayFocus]


@dataclass(frozen=True)
class Pause:
    """Days a paused sprint held back, from its first unposted day; `days` is None while paused."""

    first: date
    days: int | None = None


@dataclass(frozen=True)
class Calendar:
    """A sprint's dates and weekly plan, in the sprint's time zone.

    A pause holds the plan: the day after it follows the plan day the pause stopped at, and
    the end moves by the paused days.
    """

    start: date
    weeks: tuple[Week, ...]
    post_time: time
    timezone: str
    pauses: tuple[Pause, ...] = ()

    @property
    def moved(self) -> int:
        """Days the end moved for the pauses that are over."""
        return sum(p.days or 0 for p in self.pauses)

    @property
    def end(self) -> date:
        """The last day of the sprint (a pause still running will move it further)."""
        return self.start + timedelta(days=7 * len(self.weeks) - 1 + self.moved)

    def plan_day(self, day: date) -> date | None:
        """Return the plan day a calendar day follows, or None on a paused day."""
        shift = 0
        for pause in sorted(self.pauses, key=lambda p: p.first):
            if day < pause.first:
                break
            if pause.days is None or day < pause.first + timedelta(days=pause.days):
                return None
            shift += pause.days
        return day - timedelta(days=shift)

    def week_index(self, day: date) -> int | None:
        """Return 0-based week number of a day inside the sprint, else None (or paused)."""
        planned = self.plan_day(day)
        if planned is None or not 0 <= (planned - self.start).days < 7 * len(self.weeks):
            return None
        return (planned - self.start).days // 7

    def focus_on(self, day: date) -> DayFocus | None:
        """Return the plan for a day, or None when nothing is planned (or outside the sprint)."""
        index = self.week_index(day)
        planned = self.plan_day(day)
        if index is None or planned is None:
            return None
        return self.weeks[index].days.get(WEEKDAYS[planned.weekday()])

    def post_at(self, day: date) -> datetime:
        """Return the UTC moment of a day's post; local wall time is kept across DST changes."""
        return local_moment(day, self.post_time, self.timezone)

    def days(self) -> list[date]:
        """Every date of the sprint, paused days included."""
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]


def day_label(day: date) -> str:
    """Show a date as members read it: "Fri 18 Dec"."""
    return f"{day:%a} {day.day} {day:%b}"


def local_moment(day: date, at: time, tz: str) -> datetime:
    """Return the UTC instant of a local wall time (a time in a DST gap moves forward)."""
    zone = ZoneInfo(tz)
    naive = datetime.combine(day, at)
    moment = naive.replace(tzinfo=zone)
    # Round-trip through UTC: a wall time inside a spring-forward gap does not exist, and
    # this normalises it to the first valid instant after the gap.
    utc = moment.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) < naive:
        utc += timedelta(hours=1)
    return utc


def cycle_weeks(template: tuple[Week, ...], count: int) -> tuple[Week, ...]:
    """Fit a template to a sprint length: cut it short, or repeat its last (hardest) week."""
    if count <= len(template):
        return template[:count]
    return template + (template[-1],) * (count - len(template))
