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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    settings = Settings(database_url=f"sqlite:///{folder / 'fan.db'}", _env_file=None)  # type: ignore[call-arg]
    clock = FakeClock(START)
    runner = populate(settings, clock, args.communities)
    began = time.perf_counter()
    done = asyncio.run(runner.tick())
    elapsed = time.perf_counter() - began
    messenger = runner.messengers["console"]
    assert isinstance(messenger, FakeMessenger)
    print(
        f"{done} daily posts for {args.communities} communities due in one minute: "
        f"{elapsed:.2f} s in all, {elapsed / max(done, 1) * 1000:.2f} ms per post "
        f"(excluding the platform call); {len(messenger.sent)} messages delivered"
    )
    began = time.perf_counter()
    again = asyncio.run(runner.tick())
    print(
        f"a second tick in the same minute did {again} posts in "
        f"{(time.perf_counter() - began) * 1000:.0f} ms (everything was claimed)"
    )


if __name__ == "__main__":
    main()
