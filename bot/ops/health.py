"""The health report: is the database reachable, is the scheduler ticking, are platforms connected.

`ok` answers HTTP 200; `degraded` (a platform is disconnected) and `failing` (the database does
not answer, or the scheduler has not ticked for a while) answer 503. The report names no host,
user, token or URL: an error is given by its type only (the full error goes to the log).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import Engine

from bot.core.clock import Clock
from bot.ops.metrics import Metrics

log = logging.getLogger(__name__)

OK: Final = "ok"
DEGRADED: Final = "degraded"
FAILING: Final = "failing"
STALE_AFTER = timedelta(minutes=3)  # three missed one-minute ticks
DATABASE_SECONDS = 2.0


@dataclass(frozen=True)
class Report:
    """One health check's findings."""

    status: str
    database: dict[str, Any]
    scheduler: dict[str, Any]
    platforms: dict[str, bool] = field(default_factory=dict)

    @property
    def http_status(self) -> int:
        return 200 if self.status == OK else 503

    def body(self) -> dict[str, Any]:
        """The JSON answer of /healthz."""
        return {
            "status": self.status,
            "database": self.database,
            "scheduler": self.scheduler,
            "platforms": self.platforms,
        }


class Health:
    """Check this process: its database, its scheduler's last tick, its platforms."""

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        metrics: Metrics,
        *,
        stale_after: timedelta = STALE_AFTER,
        database_seconds: float = DATABASE_SECONDS,
    ) -> None:
        """Before the first tick, the scheduler counts as fresh until `stale_after` from now."""
        self.engine = engine
        self.clock = clock
        self.metrics = metrics
        self.stale_after = stale_after
        self.database_seconds = database_seconds
        self.started = clock.now()
        self._asking: asyncio.Future[None] | None = None

    async def report(self) -> Report:
        """Run every check and sum them up."""
        database = await self._database()
        scheduler = self._scheduler()
        platforms = await self.metrics.platforms.states()
        if not database["reachable"] or not scheduler["ticking"]:
            status = FAILING
        elif not all(platforms.values()):
            status = DEGRADED
        else:
            status = OK
        return Report(status, database, scheduler, platforms)

    async def _database(self) -> dict[str, Any]:
        """SELECT 1 in a worker thread; a slow answer counts as none."""
        if self._asking is not None and not self._asking.done():
            return {"reachable": False, "error": "the previous check is still waiting"}
        started = asyncio.get_running_loop().time()
        self._asking = asyncio.get_running_loop().run_in_executor(None, select_one, self.engine)
        try:
            await asyncio.wait_for(asyncio.shield(self._asking), self.database_seconds)
        except TimeoutError:
            log.warning("health: the database did not answer in %ss", self.database_seconds)
            return {"reachable": False, "error": f"no answer in {self.database_seconds:g} s"}
        except Exception as error:
            log.warning("health: the database is unreachable: %r", error)
            return {"reachable": False, "error": type(error).__name__}
        elapsed = asyncio.get_running_loop().time() - started
        return {"reachable": True, "seconds": round(elapsed, 4)}

    def _scheduler(self) -> dict[str, Any]:
        now, last = self.clock.now(), self.metrics.last_tick
        age = now - (last or self.started)
        return {
            "ticking": age <= self.stale_after,
            "last_tick": _iso(last),
            "age_seconds": round(age.total_seconds(), 1),
            "stale_after_seconds": self.stale_after.total_seconds(),
        }


def select_one(engine: Engine) -> None:
    """Ask the database the smallest question (no transaction of the engine's own: SQLite's
    BEGIN IMMEDIATE would wait for the write lock, which says nothing about reachability)."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute("SELECT 1")
            cursor.fetchall()
        finally:
            cursor.close()
    finally:
        connection.close()


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
