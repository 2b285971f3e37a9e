"""Streaks: consecutive local days with an answer, with one freeze day per ISO week."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.core.points import POINTS, STREAK_BONUS_CAP, Reason


@dataclass(frozen=True)
class Streak:
    current: int = 0
    best: int = 0
    last_day: date | None = None
    freeze_week: str | None = None


def week_key(day: date) -> str:
    """Return the ISO year-week of a day, e.g. 2026-W49."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def record_day(streak: Streak, day: date) -> Streak:
    """Count a day with an answer; one missed day a week is bridged by a freeze."""
    last = streak.last_day
    if last is not None and day <= last:
        return streak
    missed = day - timedelta(days=1)
    if last is not None and (day - last).days == 1:
        current, freeze = streak.current + 1, streak.freeze_week
    elif last is not None and (day - last).days == 2 and streak.freeze_week != week_key(missed):
        current, freeze = streak.current + 1, week_key(missed)
    else:
        current, freeze = 1, streak.freeze_week
    return replace(
        streak, current=current, best=max(streak.best, current), last_day=day, freeze_week=freeze
    )


def alive(streak: Streak, today: date) -> int:
    """Return the streak as it stands today (0 once it has lapsed)."""
    if streak.last_day is None:
        return 0
    gap = (today - streak.last_day).days
    if gap <= 1:
        return streak.current
    yesterday = week_key(today - timedelta(days=1))
    if gap == 2 and streak.freeze_week != yesterday:
        return streak.current
    return 0


def bonus(current: int) -> int:
    """Return the streak bonus for a day that extends a streak to `current` days."""
    return min(POINTS[Reason.STREAK_BONUS] * max(current - 1, 0), STREAK_BONUS_CAP)
