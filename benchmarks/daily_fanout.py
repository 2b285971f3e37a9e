"""Per-post overhead of the daily job when 1,000 communities are due in the same minute.

The messenger answers at once, so the figure is PrepLoop's own work per post (finding due work,
claiming it, choosing the question, building the card, recording the result), not the platform.
Run: .venv/bin/python -m benchmarks.daily_fanout [--communities 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, select

from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.actors import Actor
from bot.features.sprints.tables import Sprint
from bot.scheduling.delivery import JobRunner
from tests.fakes import FakeClock, FakeMessenger

START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def populate(settings: Settings, clock: FakeClock, communities: int) -> JobRunner:
    """Create N communities, each with a sprint whose first post is due now."""
    hub = prepare(settings, clock)
    admin = Actor("console", "c0", "admin", channel_id="study", is_admin=True)
    hub.command_text(admin, "sprint", "start Bench start:2026-12-01 time:08:00")
    with Session(hub.engine) as session:
        plan = json.dumps(session.exec(select(Sprint)).one().plan)
    with hub.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
            "VALUES (?, 'console', ?, 'x', 'UTC', ?)",
            [(n + 100, f"c{n}", START) for n in range(1, communities)],
        )
        conn.exec_driver_sql(
            "INSERT INTO sprint (community_id, channel_id, name, template_id, start_date, weeks, "
            "post_time, timezone, reveal_lead_minutes, status, plan, created_by, created_at) "
            "VALUES (?, 'study', 'Bench', 'mle-4-week', '2026-12-01', 4, '08:00', 'UTC', 60, "
            "'active', ?, 'admin', ?)",
            [(n + 100, plan, START) for n in range(1, communities)],
        )
    return JobRunner(hub.engine, clock, {"console": FakeMessenger()})


def timed_tick(runner: JobRunner) -> tuple[int, float, float]:
    """One tick: the work done, wall seconds and this process's CPU seconds."""
    began, cpu = time.perf_counter(), time.process_time()
    done = asyncio.run(runner.tick())
    return done, time.perf_counter() - began, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    settings = Settings(database_url=f"sqlite:///{folder / 'fan.db'}", _env_file=None)  # type: ignore[call-arg]
    clock = FakeClock(START)
    runner = populate(settings, clock, args.communities)
    done, elapsed, cpu = timed_tick(runner)
    messenger = runner.messengers["console"]
    assert isinstance(messenger, FakeMessenger)
    print(
        f"{done} daily posts for {args.communities} communities due in one minute: "
        f"{elapsed:.2f} s in all ({cpu:.2f} s CPU), {elapsed / max(done, 1) * 1000:.2f} ms "
        f"per post (excluding the platform call); {len(messenger.sent)} messages delivered"
    )
    again, elapsed, cpu = timed_tick(runner)
    print(
        f"a second tick in the same minute did {again} posts in {elapsed * 1000:.0f} ms "
        f"({cpu * 1000:.0f} ms CPU; everything was claimed)"
    )
    for later in (START.replace(hour=13, minute=30), START.replace(hour=20)):
        clock.set(later)  # the story line's hours, and the evening
        again, elapsed, cpu = timed_tick(runner)
        print(
            f"an idle tick at {later:%H:%M} UTC did {again} pieces of work in "
            f"{elapsed * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU)"
        )


if __name__ == "__main__":
    main()
