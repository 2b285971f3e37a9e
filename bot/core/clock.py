"""Time and randomness, injected so that schedules and pairings replay in tests."""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


class Clock(ABC):
    @abstractmethod
    def now(self) -> datetime:
        """Return the current time, timezone-aware, in UTC."""


class SystemClock(Clock):
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


def local_date(clock: Clock, tz: str) -> date:
    """Return today's date in the given IANA time zone."""
    return clock.now().astimezone(ZoneInfo(tz)).date()


def seeded(*parts: object) -> random.Random:
    """Return a random source that gives the same sequence for the same parts."""
    return random.Random("|".join(str(p) for p in parts))
