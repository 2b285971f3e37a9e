"""APScheduler wiring: the delivery engine ticks now and then every minute."""

from __future__ import annotations

from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.scheduling.delivery import JobRunner

TICK_SECONDS = 60


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
