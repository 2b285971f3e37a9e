"""Time the console's `/time` jump: two weeks of a sprint, fast-forwarded, against minute ticks.

Run: python -m benchmarks.time_jump [--days 14] [--runs 3]

A New York sprint with a mock round a week is jumped through in one `advance` (what `/time +14d`
does); one day of it is also ticked minute by minute, to show what the fast-forward saves.
Goal: a 14-day jump feels instant in the console (a few seconds at most).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.bootstrap import prepare
from bot.config import Settings
from bot.scheduling.delivery import JobRunner
from bot.scheduling.fast_forward import advance, is_due, minutes_between
from tests.conftest import TEST_CONTENT, actor
from tests.fakes import FakeClock, FakeMessenger

START = datetime(2026, 12, 6, 11, 0, tzinfo=UTC)
SPRINT = "start Prep start:2026-12-07 weeks:2 time:09:00 timezone:America/New_York"


def _sprint(folder: Path) -> tuple[FakeClock, JobRunner, FakeMessenger, object]:
    clock = FakeClock(START)
    settings = Settings(
        database_url=f"sqlite:///{folder / 'jump.db'}",
        content_dir=TEST_CONTENT,
        _env_file=None,  # type: ignore[call-arg]
    )
    hub = prepare(settings, clock)
    hub.command_text(actor("alice", admin=True), "sprint", SPRINT)
    messenger = FakeMessenger("console")
    return clock, JobRunner(hub.engine, clock, {"console": messenger}), messenger, hub.engine


def jump(days: int) -> tuple[float, int]:
    """Return the seconds a `days` jump takes and how many messages it sent."""
    with tempfile.TemporaryDirectory() as folder:
        clock, runner, messenger, engine = _sprint(Path(folder))
        due = is_due(engine, {"console"})  # type: ignore[arg-type]
        began = time.perf_counter()
        asyncio.run(advance(clock, START + timedelta(days=days), due=due, tick=runner.tick))
        return time.perf_counter() - began, len(messenger.sent)


def minute_ticks(days: int) -> float:
    """Return the seconds ticking every minute of `days` takes."""
    with tempfile.TemporaryDirectory() as folder:
        clock, runner, _, _ = _sprint(Path(folder))

        async def run() -> None:
            for moment in minutes_between(START, START + timedelta(days=days)):
                clock.set(moment)
                await runner.tick()

        began = time.perf_counter()
        asyncio.run(run())
        return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        took, sent = jump(args.days)
        print(f"jump of {args.days} days, run {run}: {took:.2f} s ({sent} messages)")
    one_day = minute_ticks(1)
    print(f"minute-by-minute, 1 day: {one_day:.2f} s (x{args.days}: {one_day * args.days:.1f} s)")


if __name__ == "__main__":
    main()
