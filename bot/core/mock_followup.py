"""After a mock: when the feedback nudge goes out, why a pair did not meet, history averages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from bot.core.mock_rules import EXPIRE_AFTER
from bot.core.quiet_hours import next_waking

NUDGE_AFTER = timedelta(hours=2)

ABSENT, RESCHEDULED, COULD_NOT = "absent", "rescheduled", "could_not"
UNMET_REASONS: dict[str, str] = {
    ABSENT: "My partner didn't come",
    RESCHEDULED: "We rescheduled",
    COULD_NOT: "I couldn't make it",
}


def nudge_at(start: datetime, tz: str) -> datetime:
    """When to nudge a member for feedback: 2 hours after the start, held past quiet hours."""
    return next_waking(start + NUDGE_AFTER, tz)


def nudge_due(start: datetime, tz: str, now: datetime) -> bool:
    """Whether the nudge is due now and still useful (the mock closes 48 hours after its time)."""
    at = nudge_at(start, tz)
    return at <= now and at < start + EXPIRE_AFTER


def averages(scores: Iterable[Mapping[str, int]]) -> dict[str, float]:
    """The mean of each criterion over several rubric score sets, in first-seen order."""
    totals: dict[str, list[int]] = {}
    for one in scores:
        for name, value in one.items():
            totals.setdefault(name, []).append(value)
    return {name: sum(values) / len(values) for name, values in totals.items()}


def mean(scores: Mapping[str, int]) -> float:
    """The mean of one rubric score set (0 when empty)."""
    return sum(scores.values()) / len(scores) if scores else 0.0
