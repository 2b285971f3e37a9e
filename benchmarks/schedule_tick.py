"""The scheduler with 10,000 standing schedules across 1,000 communities.

Prints what an idle minute costs once everything due is claimed (the tick every process runs
every minute), and the per-post overhead when 1,000 schedules are due in the same minute.
The messenger answers at once, so the figures are PrepLoop's own work, not the platform's.
Goals (issue 15): idle tick <= 0.5 s, <= 2 ms a post.
Run: .venv/bin/python -m benchmarks.schedule_tick [--communities 1000] [--channels 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.bootstrap import prepare
from bot.config import Settings
from bot.features import schedule_of
from bot.features.daily.standing import find_standing_work, reveal_time
from bot.scheduling import claims
from bot.scheduling.delivery import JobRunner
from tests.fakes import FakeClock, FakeMessenger

EARLY = datetime(2026, 12, 8, 7, 0, tzinfo=UTC)  # most channels post at this moment
LATE = EARLY + timedelta(hours=1)  # one channel in ten posts now: 1,000 at once
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Europe/London")
TRACKS = ("mle-mixed", "coding", "ml", "lp")


def _local(moment: datetime, zone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%H:%M}"


def populate(settings: Settings, clock: FakeClock, communities: int, channels: int) -> JobRunner:
    """N communities, each with `channels` standing schedules in assorted zones and tracks."""
    hub = prepare(settings, clock)
    rows = []
    for n in range(communities):
        for c in range(channels):
            zone = ZONES[(n + c) % len(ZONES)]
            at = LATE if c == 0 else EARLY
            rows.append((n + 1, f"ch{c}", _local(at, zone), zone, TRACKS[c % len(TRACKS)]))
    with hub.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
            "VALUES (?, 'console', ?, 'x', 'UTC', ?)",
            [(n + 1, f"g{n}", EARLY - timedelta(days=7)) for n in range(communities)],
        )
        conn.exec_driver_sql(
            "INSERT INTO question_schedule (community_id, channel_id, post_time, timezone, days, "
            "track, weekly_board, reveal_lead_minutes, reveal_time, created_by, created_at) "
            "VALUES (?, ?, ?, ?, 'mon,tue,wed,thu,fri,sat,sun', ?, '', 60, ?, 'admin', ?)",
            [(*row, reveal_time(row[2], 60), EARLY - timedelta(days=7)) for row in rows],
        )
    return JobRunner(hub.engine, clock, {"console": FakeMessenger()})


CPU: list[float] = []  # CPU seconds of each timed tick, in order


async def _timed_tick(runner: JobRunner) -> tuple[int, float]:
    began, cpu = time.perf_counter(), time.process_time()
    done = await runner.tick()
    CPU.append(time.process_time() - cpu)  # the tick's worker thread is this process's too
    return done, time.perf_counter() - began


def _standing_seconds(runner: JobRunner, now: datetime) -> float:
    """The standing-schedule finder alone, median of 5 (the rest of a tick is other features')."""
    spent = []
    for _ in range(5):
        began = time.perf_counter()
        with Session(runner.engine) as session:
            find_standing_work(session, claims.Look(now, frozenset({"console"})), [])
        spent.append(time.perf_counter() - began)
    return statistics.median(spent)


def _find_seconds(runner: JobRunner, now: datetime) -> tuple[int, float]:
    began = time.perf_counter()
    with Session(runner.engine) as session:
        found = claims.find_due(session, now, schedule=schedule_of(), platforms={"console"})
    return len(found), time.perf_counter() - began


async def run(communities: int, channels: int) -> None:
    folder = Path(tempfile.mkdtemp())
    settings = Settings(database_url=f"sqlite:///{folder / 'sched.db'}", _env_file=None)  # type: ignore[call-arg]
    clock = FakeClock(EARLY - timedelta(hours=1, minutes=30))
    runner = populate(settings, clock, communities, channels)
    total = communities * channels
    clock.set(EARLY)
    done, spent = await _timed_tick(runner)
    print(f"{total:,} standing schedules in {communities:,} communities")
    print(f"warm-up: {done:,} pieces of work at {EARLY:%H:%M} UTC in {spent:.1f} s")
    clock.set(LATE)
    done, spent = await _timed_tick(runner)
    posts = sum(1 for _, m in runner.messengers["console"].sent if m.channel == "ch0")  # type: ignore[attr-defined]
    print(
        f"{done:,} pieces of work due in one minute ({posts:,} posts): {spent:.2f} s, "
        f"{spent / max(done, 1) * 1000:.2f} ms a post (goal <= 2 ms)"
    )
    idle = []
    for minute in range(1, 6):
        clock.set(LATE + timedelta(minutes=minute))
        again, spent = await _timed_tick(runner)
        assert again == 0, f"an idle tick did {again} pieces of work"
        idle.append(spent)
    found, finding = _find_seconds(runner, clock.now())
    standing = _standing_seconds(runner, clock.now())
    print(
        f"idle tick, everything claimed: median {statistics.median(idle) * 1000:.0f} ms, "
        f"worst {max(idle) * 1000:.0f} ms over 5 minutes (goal <= 500 ms), CPU median "
        f"{statistics.median(CPU[-5:]) * 1000:.0f} ms; "
        f"finding alone {finding * 1000:.0f} ms ({found} unclaimed), "
        f"of which the standing schedules {standing * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=1000)
    parser.add_argument("--channels", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(run(args.communities, args.channels))


if __name__ == "__main__":
    main()
