"""Resident memory of one PrepLoop process: the hub, the scheduler and 1,000 communities.

The process builds the hub (migrations, question bank, every feature), 1,000 communities each
with a running sprint, the APScheduler tick and one fan-out to all of them, then the Slack app
and the Discord client (built, not connected). After each step it prints VmRSS (resident now)
and VmHWM (the peak) from /proc/self/status. Goal: at most 150 MB.

Run: python -m benchmarks.memory [--communities 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import tempfile
from pathlib import Path

GOAL_MB = 150


def status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def show(step: str) -> float:
    gc.collect()
    rss, peak = status_mb("VmRSS"), status_mb("VmHWM")
    print(f"{step:<68} VmRSS {rss:6.1f} MB   VmHWM {peak:6.1f} MB")
    return peak


def counting_messenger() -> object:
    """A fake platform that counts what it is sent and keeps none of it.

    tests.fakes.FakeMessenger keeps every message for the tests to read; here that would be
    the benchmark's memory, not PrepLoop's (about 10 MB for 10,000 daily questions).
    """
    from bot.core.cards import Message
    from tests.fakes import FakeMessenger

    class CountingMessenger(FakeMessenger):
        def __init__(self) -> None:
            super().__init__("console")
            self.count = 0

        async def post(self, community_id: str, message: Message) -> str:
            self.count += 1
            return f"msg-{self.count}"

    return CountingMessenger()


async def serve_once(runner: object) -> int:
    """Start the scheduler as `preploop run` does, wait for its first tick, and stop it."""
    from apscheduler.events import EVENT_JOB_EXECUTED

    from bot.scheduling.delivery import JobRunner
    from bot.scheduling.jobs import start_scheduler

    assert isinstance(runner, JobRunner)
    ticked = asyncio.Event()
    scheduler = start_scheduler(runner)  # its first tick runs at once
    scheduler.add_listener(lambda _event: ticked.set(), EVENT_JOB_EXECUTED)
    await asyncio.wait_for(ticked.wait(), timeout=120)
    scheduler.shutdown(wait=False)
    return int(getattr(runner.messengers["console"], "count", 0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=1000)
    args = parser.parse_args()
    show("python started")
    from pydantic import SecretStr

    from benchmarks.daily_fanout import START, populate
    from bot.adapters.discord import build_client
    from bot.adapters.slack import build_app
    from bot.config import Settings
    from tests.fakes import FakeClock

    show("imported: PrepLoop, discord.py, slack-bolt, SQLAlchemy, APScheduler")
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'memory.db'}"
    settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
    clock = FakeClock(START)
    runner = populate(settings, clock, args.communities)
    runner.messengers["console"] = counting_messenger()  # type: ignore[assignment]
    show(f"hub ready; {args.communities:,} communities with a sprint in the database")
    done = asyncio.run(serve_once(runner))
    show(f"scheduler started; one tick posted {done:,} daily questions")
    from bot.app.hub import Hub

    hub = Hub(runner.engine, clock=clock)
    slack_settings = settings.model_copy(
        update={"slack_bot_token": SecretStr("xoxb-0"), "slack_signing_secret": SecretStr("s")}
    )

    async def adapters() -> None:
        build_app(hub, slack_settings)
        client = build_client(hub, settings)
        await client.close()

    asyncio.run(adapters())
    peak = show("Slack app and Discord client built (not connected)")
    verdict = "within" if peak <= GOAL_MB else "over"
    print(f"peak resident memory {peak:.1f} MB: {verdict} the {GOAL_MB} MB goal")


if __name__ == "__main__":
    main()
