"""Prometheus metrics of one PrepLoop process, on a registry of its own.

Each Hub owns a Metrics (so tests and several hubs in one process never share counters); the
runner hands the same one to the scheduler, and /metrics serves it. Recording is a counter
increment or a histogram observation: cheap enough for every command and every post.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)

from bot.ops.platforms import Platforms

OK: Final = "ok"
REFUSED: Final = "refused"  # an admin command from someone who is not an admin
ERROR: Final = "error"  # the handler failed: the member was told "something went wrong"
BAD_INPUT: Final = "bad_input"  # a member error: unknown command or option, a value refused
UNKNOWN: Final = "unknown"  # the name of a command or button PrepLoop does not know
LIMITED: Final = "rate_limited"  # refused: the member went faster than their community's rate
DELIVERED: Final = "delivered"
FAILED: Final = "failed"

COMMAND_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
TICK_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)


class Metrics:
    """The counters and histograms of one process, and the scheduler's and platforms' pulse."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)  # memory, CPU, open files: read at each scrape
        PlatformCollector(registry=self.registry)  # the Python version
        self.platforms = Platforms()
        self.last_tick: datetime | None = None
        self._define(self.registry)

    def _define(self, registry: CollectorRegistry) -> None:
        self.commands = Counter(
            "preploop_commands",
            "Commands, buttons and forms handled, by name and outcome",
            ("kind", "name", "outcome"),
            registry=registry,
        )
        self.command_seconds = Histogram(
            "preploop_command_seconds",
            "Time to handle a command, button or form (its transaction included)",
            ("kind", "name"),
            buckets=COMMAND_BUCKETS,
            registry=registry,
        )
        self.posts = Counter(
            "preploop_posts",
            "Scheduled messages delivered or failed, by platform",
            ("platform", "outcome"),
            registry=registry,
        )
        self.reply_posts = Counter(
            "preploop_reply_posts",
            "Channel posts and direct messages sent while answering a command, button or form "
            "(not the private answer itself), by platform",
            ("platform", "outcome"),
            registry=registry,
        )
        self.tick_seconds = Histogram(
            "preploop_scheduler_tick_seconds",
            "Time one scheduler tick took: find, claim, deliver, record",
            buckets=TICK_BUCKETS,
            registry=registry,
        )
        self.tick_lag = Histogram(
            "preploop_scheduler_tick_lag_seconds",
            "How late a tick started after the moment it was scheduled for",
            buckets=TICK_BUCKETS,
            registry=registry,
        )
        self.last_tick_seconds = Gauge(
            "preploop_scheduler_last_tick_timestamp_seconds",
            "When the scheduler last showed life (a tick began or ended), Unix time",
            registry=registry,
        )
        self.taken_over = Counter(
            "preploop_claims_taken_over",
            "Scheduled work whose claim ran out (its process died) and was taken over",
            ("kind",),
            registry=registry,
        )
        self.connected = Gauge(
            "preploop_platform_connected",
            "1 when the platform is connected, else 0",
            ("platform",),
            registry=registry,
        )

    def handled(self, kind: str, name: str, outcome: str, seconds: float) -> None:
        """Count one command (kind "command"), button or form and how long it took."""
        self.commands.labels(kind, name, outcome).inc()
        self.command_seconds.labels(kind, name).observe(seconds)

    def posted(self, platform: str, *, delivered: bool) -> None:
        """Count one scheduled message sent, or not, to a platform."""
        self.posts.labels(platform, DELIVERED if delivered else FAILED).inc()

    def reply_posted(self, platform: str, *, delivered: bool) -> None:
        """Count one message a reply posted to a channel or sent as a DM, or failed to."""
        self.reply_posts.labels(platform, DELIVERED if delivered else FAILED).inc()

    def pulse(self, moment: datetime) -> None:
        """Note that the scheduler is alive at `moment` (a tick began or ended)."""
        self.last_tick = moment
        self.last_tick_seconds.set(moment.timestamp())

    def ticked(self, seconds: float) -> None:
        """Note how long a tick took."""
        self.tick_seconds.observe(seconds)

    def lagged(self, seconds: float) -> None:
        """Note how late a tick started."""
        self.tick_lag.observe(max(0.0, seconds))

    def took_over(self, kind: str, count: int = 1) -> None:
        """Count claims of `kind` taken over from a process that did not finish them."""
        self.taken_over.labels(kind).inc(count)

    async def exposition(self) -> bytes:
        """Everything, in Prometheus' text format, with each platform's state asked afresh."""
        for name, up in (await self.platforms.states()).items():
            self.connected.labels(name).set(1 if up else 0)
        return generate_latest(self.registry)
