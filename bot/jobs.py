"""APScheduler wiring: one tick a minute asks the database what is due and delivers it.

Jobs are not kept in a job store: the schedule lives in the database (sprints, practice
preferences), is read again at every tick, and each piece of work is claimed there, so restarts,
double triggers and several processes never post twice. After downtime the first tick (run at
start) catches up on the same local day's work.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import Engine

from bot.core.cards import Message
from bot.core.clock import Clock
from bot.core.ports import DeliveryError, Messenger
from bot.services import schedule
from bot.storage.uow import transact

log = logging.getLogger(__name__)
TICK_SECONDS = 60
PARALLEL_DELIVERIES = 16


class JobRunner:
    """Find, claim, deliver and record scheduled work for the connected platforms."""

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        messengers: dict[str, Messenger],
        *,
        catch_up: bool = True,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.messengers = messengers
        self.catch_up = catch_up
        self._gate = asyncio.Semaphore(PARALLEL_DELIVERIES)

    async def tick(self) -> int:
        """Do everything due now; return how many pieces of work this process did."""
        due = await asyncio.to_thread(self._find)
        done = await asyncio.gather(*(self._run(item) for item in due))
        return sum(done)

    def _find(self) -> list[schedule.Due]:
        return transact(
            self.engine,
            lambda session: schedule.find_due(
                session, self.clock.now(), platforms=set(self.messengers), catch_up=self.catch_up
            ),
        )

    async def _run(self, due: schedule.Due) -> int:
        async with self._gate:
            try:
                work = await asyncio.to_thread(self._begin, due)
            except Exception:
                log.exception(
                    "could not prepare %s %s for community %s", due.kind, due.key, due.community_id
                )
                return 0
            if work is None:
                return 0
            refs, error = await self._deliver(due, work.messages)
            alerts = await asyncio.to_thread(self._finish, due, refs, error)
            await self._deliver(due, alerts)
            return 1

    def _begin(self, due: schedule.Due) -> schedule.Work | None:
        return transact(self.engine, lambda session: schedule.begin(session, self.clock, due))

    def _finish(self, due: schedule.Due, refs: list[str], error: str | None) -> list[Message]:
        return transact(
            self.engine, lambda session: schedule.finish(session, self.clock, due, refs, error)
        )

    async def _deliver(
        self, due: schedule.Due, messages: list[Message]
    ) -> tuple[list[str], str | None]:
        """Send every message (one closed DM must not stop the others); report the first error."""
        messenger = self.messengers[due.platform]
        refs: list[str] = []
        first_error: str | None = None
        for message in messages:
            try:
                refs.append(await messenger.post(due.community_ref, message))
            except DeliveryError as error:
                log.warning(
                    "delivery failed for %s %s in community %s: %s",
                    due.kind,
                    due.key,
                    due.community_id,
                    error,
                )
                first_error = first_error or str(error)
        return refs, first_error


def start_scheduler(runner: JobRunner) -> AsyncIOScheduler:
    """Tick now and then every minute, never two ticks at once in this process."""
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(
        runner.tick,
        "interval",
        seconds=TICK_SECONDS,
        next_run_time=datetime.now(UTC),
        max_instances=1,
        coalesce=True,
        misfire_grace_time=TICK_SECONDS,
        id="preploop-tick",
    )
    scheduler.start()
    return scheduler
