"""Move a settable clock forward, ticking the scheduler as if it ticked every minute on the way.

Ticking every minute of a two-week jump would take a minute of queries. Instead, the minutes
are taken a quarter of an hour at a time: when nothing is due at a quarter's last minute,
nothing became due within it, since every piece of work stays due until the end of a local day
(which falls on a UTC quarter-hour in every time zone) or for a day or more. Otherwise the
first minute something is due is found by bisection and ticked, and the search goes on from it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from itertools import groupby
from typing import Protocol

from sqlalchemy import Engine
from sqlmodel import Session

from bot.features import schedule_of
from bot.scheduling import claims

MINUTE = timedelta(minutes=1)
QUARTER = 15 * 60


class SettableClock(Protocol):
    """A clock that can be set to a moment."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware, in UTC."""
        ...

    def set(self, moment: datetime) -> None:
        """Make now() return `moment` until set again."""
        ...


def is_due(
    engine: Engine, platforms: set[str], schedule: claims.Schedule | None = None
) -> Callable[[datetime], bool]:
    """Answer whether any scheduled work would be found at a moment (reads only)."""
    work = schedule or schedule_of()

    def due(moment: datetime) -> bool:
        # A plain read, not a transaction that could write: probes are many and cheap.
        with Session(engine) as session:
            return bool(claims.find_due(session, moment, schedule=work, platforms=platforms))

    return due


def minutes_between(start: datetime, end: datetime) -> list[datetime]:
    """The moments a minute-by-minute scheduler ticks after `start`, up to and with `end`."""
    count = int((end - start) / MINUTE)
    moments = [start + MINUTE * k for k in range(1, count + 1)]
    return moments if moments and moments[-1] == end else [*moments, end]


async def advance(
    clock: SettableClock,
    end: datetime,
    *,
    due: Callable[[datetime], bool],
    tick: Callable[[], Awaitable[int]],
) -> int:
    """Tick at every minute up to `end` where work is due, in order; return how many ticks ran."""
    ticks = 0
    moments = minutes_between(clock.now(), end)
    for _, group in groupby(moments, key=lambda m: int(m.timestamp()) // QUARTER):
        quarter = list(group)
        first = 0
        while first < len(quarter) and due(quarter[-1]):
            first = _first_due(quarter, first, due)
            clock.set(quarter[first])
            await tick()
            ticks += 1
            first += 1
    clock.set(end)
    return ticks


def _first_due(moments: list[datetime], low: int, due: Callable[[datetime], bool]) -> int:
    """The first of moments[low:] at which work is due, knowing the last one has some."""
    high = len(moments) - 1
    while low < high:
        middle = (low + high) // 2
        if due(moments[middle]):
            high = middle
        else:
            low = middle + 1
    return low
