"""The daily fan-out to 1,000 communities due in one minute, against real platform rate limits.

Fake messengers answer each post after a network round trip (`--rtt`, default 100 ms) and hold
requests back the way the platforms' limits do (as discord.py and the Slack SDK's retry handler
wait once they are limited):

- Discord: 50 requests per second for the whole bot (its global limit);
- Slack: about 1 message per second per channel; each community is its own workspace, so its
  own channel.

It prints the wall time of JobRunner.tick, the least time the limits allow, and the ratio (goal:
within 1.1x). For Slack the limits allow the whole fan-out in one round trip, so PrepLoop's own
work (finding, claiming and building, recording) is what bounds the tick, and the last post still
needs its trip after that work. The benchmark measures that work two ways:

- inside each tick: the time the tick's database thread spent on its transactions (all of them
  run there, one at a time). Own work and tick come from the same run, so this ratio does not
  move with the machine's speed from one run to the next (±30 % on a small VM);
- in separate runs: the same tick with no round trip and no limit (as benchmarks.daily_fanout).

The runner paces each platform by the Pace its adapter declares (bot/adapters/*/pace.py:
Discord 50 requests/s, Slack 1 message/s per channel, and at most `in_flight` requests waiting
for an answer); `--in-flight 128,256` replaces that number in the benchmark's runner (the
adapters' paces are not changed) to show what another value would do.

Run: python -m benchmarks.fanout_ratelimit [--communities 1000] [--rtt 0.1] [--in-flight 128,256]
     [--repeat 3]   (each run is repeated, in turn; the best one counts, and each is shown)
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from benchmarks.daily_fanout import START, populate
from bot.adapters.discord.pace import PACE as DISCORD_PACE
from bot.adapters.slack.pace import PACE as SLACK_PACE
from bot.config import Settings
from bot.core.cards import Message
from bot.core.ports import Messenger
from bot.scheduling import claims
from bot.scheduling.delivery import JobRunner, Pace
from tests.fakes import FakeClock

PACES = {"discord": DISCORD_PACE, "slack": SLACK_PACE}

DISCORD_PER_SECOND = 50
SLACK_CHANNEL_SECONDS = 1.0
T = TypeVar("T")


class LimitedMessenger(Messenger):
    """Deliver after a round trip, never faster than the platform's limit allows."""

    def __init__(self, platform: str, rtt: float) -> None:
        self.platform = platform
        self.rtt = rtt
        self.sent = 0
        self.global_starts: collections.deque[float] = collections.deque()
        self.channel_last: dict[tuple[str, str | None], float] = {}
        self.lock = asyncio.Lock()

    async def post(self, community_id: str, message: Message) -> str:
        async with self.lock:  # take a place under the limit, in arrival order
            start = self._slot(community_id, message.channel, time.monotonic())
        await asyncio.sleep(max(0.0, start - time.monotonic()) + self.rtt)
        self.sent += 1
        return f"{self.platform}-{self.sent}"

    def _slot(self, community_id: str, channel: str | None, now: float) -> float:
        """When this request may start, and book that moment."""
        if self.platform == "discord":
            while self.global_starts and self.global_starts[0] <= now - 1.0:
                self.global_starts.popleft()
            start = now
            if len(self.global_starts) >= DISCORD_PER_SECOND:
                start = max(now, self.global_starts[-DISCORD_PER_SECOND] + 1.0)
            self.global_starts.append(start)
            return start
        key = (community_id, channel)
        start = max(now, self.channel_last.get(key, -1e9) + SLACK_CHANNEL_SECONDS)
        self.channel_last[key] = start
        return start


def least_time(platform: str, posts: int, channels: int, rtt: float) -> float:
    """The shortest wall time the platform's limits allow for `posts` posts."""
    if platform == "discord":
        return (posts - 1) // DISCORD_PER_SECOND + rtt
    per_channel = -(-posts // channels)
    return (per_channel - 1) * SLACK_CHANNEL_SECONDS + rtt


class TimedRunner(JobRunner):
    """A JobRunner that adds up the time its transactions take (in its one database thread)."""

    own_work = 0.0

    def _timed(self, work: Callable[[], T]) -> T:
        began = time.perf_counter()
        try:
            return work()
        finally:
            self.own_work += time.perf_counter() - began

    def _find(self) -> list[claims.Due]:
        return self._timed(super()._find)

    def _claim(self, batch: list[claims.Due]) -> list[claims.Work]:
        return self._timed(partial(super()._claim, batch))

    def _record(self, batch: list[claims.Result]) -> Any:
        return self._timed(partial(super()._record, batch))


@dataclass
class Run:
    wall: float  # seconds the tick took
    own: float  # of which PrepLoop's database thread was busy
    sent: int  # messages the platform took


def run(platform: str, communities: int, rtt: float, in_flight: int) -> Run:
    """One tick on a fresh database."""
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'fanout.db'}"
    clock = FakeClock(START)
    seeded = populate(Settings(database_url=url, _env_file=None), clock, communities)  # type: ignore[call-arg]
    with seeded.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE community SET platform = ?", (platform,))
    messenger = LimitedMessenger(platform, rtt)
    pace = replace(PACES.get(platform, Pace()), in_flight=in_flight)
    runner = TimedRunner(seeded.engine, clock, {platform: messenger}, paces={platform: pace})
    began = time.perf_counter()
    asyncio.run(runner.tick())
    wall = time.perf_counter() - began
    seeded.engine.dispose()
    return Run(wall, runner.own_work, messenger.sent)


def report(
    platform: str, in_flight: int, runs: list[Run], own: float, rtt: float, channels: int
) -> None:
    """Print the best tick against the limits, and against PrepLoop's own work two ways."""
    best = min(runs, key=lambda r: r.wall)
    least = least_time(platform, best.sent, channels, rtt)
    # The last post can leave only once PrepLoop's work on it is done, and then takes a trip.
    apart = max(least, own + rtt)
    within = [r.wall / max(least, r.own + rtt) for r in runs]
    print(
        f"{platform:<8} in flight {in_flight:>3}: {best.sent} messages in {best.wall:6.2f} s "
        f"(best of {len(runs)}: {', '.join(f'{r.wall:.2f}' for r in runs)}); "
        f"the limits allow {least:5.2f} s ({best.wall / least:5.2f}x)\n"
        f"  against the own work inside each tick plus one round trip "
        f"({', '.join(f'{r.own:.2f} + {rtt:.2f} s' for r in runs)}): "
        f"{', '.join(f'{x:.2f}x' for x in within)}: "
        f"{'every run within' if max(within) <= 1.1 else 'over'} 1.1x\n"
        f"  against the best own-work run plus one round trip ({apart:.2f} s): "
        f"{best.wall / apart:.2f}x; without the trip ({max(least, own):.2f} s): "
        f"{best.wall / max(least, own):.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=1000)
    parser.add_argument("--rtt", type=float, default=0.1)
    parser.add_argument("--in-flight", default="", help="e.g. 128,256 (default: the adapter's)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, best one counts")
    args = parser.parse_args()
    paces = ", ".join(f"{name} {pace}" for name, pace in PACES.items())
    print(
        f"{args.communities} communities due in one minute, {args.rtt * 1000:.0f} ms per "
        f"platform round trip; the adapters' paces: {paces}"
    )
    # Best of --repeat runs each, taken in turn, so that a slow moment of the machine does not
    # land on one side of a ratio only.
    own_walls: list[float] = []
    platform_runs: dict[tuple[str, int], list[Run]] = {}
    for _ in range(args.repeat):
        own_walls.append(run("console", args.communities, 0.0, Pace().in_flight).wall)
        for platform in ("discord", "slack"):
            chosen = args.in_flight or str(PACES[platform].in_flight)
            for in_flight in (int(n) for n in chosen.split(",")):
                platform_runs.setdefault((platform, in_flight), []).append(
                    run(platform, args.communities, args.rtt, in_flight)
                )
    own = min(own_walls)
    shown = ", ".join(f"{w:.2f}" for w in own_walls)
    print(f"PrepLoop's own work alone: {args.communities} posts in {own:.2f} s (best of {shown})")
    for (platform, in_flight), runs in platform_runs.items():
        report(platform, in_flight, runs, own, args.rtt, args.communities)


if __name__ == "__main__":
    main()
