"""Spaced repetition: when a question comes back, from how the member rated themselves."""

from __future__ import annotations

from datetime import date, timedelta

RATINGS = ("nailed", "partial", "missed")
RATING_LABELS = {"nailed": "Nailed it", "partial": "Partial", "missed": "Missed"}
MAX_INTERVAL_DAYS = 180


def next_interval(previous: int | None, rating: str) -> int:
    """Return days until the next review: missed resets, partial grows slowly, nailed fast."""
    if rating not in RATINGS:
        raise ValueError(f"unknown rating {rating!r}")
    if rating == "missed":
        return 1
    if rating == "partial":
        days = 3 if previous is None else max(3, round(previous * 1.6))
    else:
        days = 21 if previous is None else max(21, round(previous * 2.5))
    return min(days, MAX_INTERVAL_DAYS)


def next_due(today: date, previous: int | None, rating: str) -> tuple[int, date]:
    """Return (interval, due date) after a rating given today."""
    days = next_interval(previous, rating)
    return days, today + timedelta(days=days)


def rating_base(
    today: date, due: date, interval: int, prior: int | None
) -> tuple[int | None, bool]:
    """Return the interval a rating grows from, and whether it starts a new review.

    A rating pressed before the question comes back replaces the last one: it grows from the
    interval that one grew from, so pressing again never compounds.
    """
    if today < due:
        return prior, False
    return interval, True
