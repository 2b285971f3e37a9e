"""The console's clock: the real time, or a time you set, that `/time +1d` moves forward."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.core.clock import Clock

_STEP = re.compile(r"^\+(\d{1,4})([dhm])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


class ConsoleClock(Clock):
    """The real time; or, once set (`--now`, `/time`), a time that stands still until moved.

    A set clock keeps a transcript the same however fast the lines are typed.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self.pinned = start

    def now(self) -> datetime:
        return self.pinned or datetime.now(UTC)

    def set(self, moment: datetime) -> None:
        self.pinned = moment


def parse_step(step: str) -> timedelta | None:
    """Read `+3d`, `+2h` or `+30m`; None when the step is not understood."""
    found = _STEP.match(step.strip())
    if found is None:
        return None
    return timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})
