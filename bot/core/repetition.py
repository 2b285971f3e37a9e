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
