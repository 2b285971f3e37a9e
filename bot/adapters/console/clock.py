"""The console's clock: the real time, or a time you set, that `/time +1d` moves forward."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.core.clock import Clock

_STEP = re.compile(r"^\+(\d{1,4})([dhm])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


class ConsoleClock(Clock):
    """Runs at real speed from a starting point that can be moved."""

    def __init__(self, start: datetime | None = None) -> None:
        self.offset = (start - datetime.now(UTC)) if start else timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def travel(self, step: str) -> bool:
        """Move forward by `+3d`, `+2h` or `+30m`; False when the step is not understood."""
        found = _STEP.match(step.strip())
        if found is None:
            return False
        self.offset += timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})
        return True
