"""APScheduler wiring: the delivery engine ticks now and then every minute."""

from __future__ import annotations

from datetime import UTC, datetime

from apscheduler.events import EVENT_JOB_SUBMITTED, JobSubmissionEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.scheduling.delivery import JobRunner

TICK_SECONDS = 60
TICK_ID = "preploop-tick"


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
        id=TICK_ID,
    )
    scheduler.add_listener(lambda event: note_lag(runner, event), EVENT_JOB_SUBMITTED)
    scheduler.start()
    return scheduler


def note_lag(runner: JobRunner, event: JobSubmissionEvent) -> None:
    """Record how late a tick starts after the earliest moment it stands for (coalesced)."""
    if event.job_id != TICK_ID or not event.scheduled_run_times:
        return
    late = datetime.now(UTC) - min(event.scheduled_run_times)
    runner.metrics.lagged(late.total_seconds())
