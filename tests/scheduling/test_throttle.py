"""Delivery pacing: a platform's requests per second, per-channel gaps, requests in flight."""

from __future__ import annotations

import asyncio
import time

from bot.adapters.discord.pace import PACE as DISCORD_PACE
from bot.adapters.slack.pace import PACE as SLACK_PACE
from bot.scheduling.delivery import Pace, Throttle


def test_a_second_holds_no_more_starts_than_the_limit() -> None:
    throttle = Throttle(Pace(per_second=50))
    assert [throttle._take(now=100.0 + n / 100) for n in range(50)] == [True] * 50
    assert not throttle._take(now=100.5)
    assert not throttle._take(now=100.999)
    assert throttle._take(now=101.0)  # the first start left the window
    assert not throttle._take(now=101.005)
    assert throttle._take(now=101.01)  # and now the second


def test_a_fraction_of_the_limit_still_lets_one_request_a_second() -> None:
    throttle = Throttle(Pace(per_second=0.4))
    assert [throttle._take(now=0.0), throttle._take(now=0.5), throttle._take(now=1.0)] == [
        True,
        False,
        True,
    ]


async def test_a_burst_is_spread_over_seconds_counting_when_requests_really_started() -> None:
    throttle = Throttle(Pace(per_second=8))
    starts: list[float] = []

    async def send() -> None:
        async with throttle.slot("c"):
            starts.append(time.monotonic())

    await asyncio.gather(*(send() for _ in range(20)))
    assert starts[-1] - starts[0] >= 2.0
    for first in starts:
        assert sum(1 for t in starts if first <= t < first + 1.0) <= 8


def test_the_defaults_follow_the_platforms_published_limits() -> None:
    assert DISCORD_PACE.per_second == 50
    assert SLACK_PACE.channel_gap == 1.0


async def test_a_channel_waits_its_gap_while_other_channels_go_at_once() -> None:
    throttle = Throttle(Pace(channel_gap=0.3))
    starts: dict[str, float] = {}

    async def send(name: str, channel: str) -> None:
        async with throttle.slot(channel):
            starts[name] = time.monotonic()

    began = time.monotonic()
    await asyncio.gather(send("a1", "a"), send("a2", "a"), send("b1", "b"), send("a3", "a"))
    assert starts["a2"] - starts["a1"] >= 0.29
    assert starts["a3"] - starts["a2"] >= 0.29
    assert starts["b1"] - began < 0.1


async def test_no_more_requests_wait_for_an_answer_than_in_flight_allows() -> None:
    throttle = Throttle(Pace(in_flight=2))
    waiting, most = 0, 0

    async def send(channel: str) -> None:
        nonlocal waiting, most
        async with throttle.slot(channel):
            waiting += 1
            most = max(most, waiting)
            await asyncio.sleep(0.02)
            waiting -= 1

    await asyncio.gather(*(send(f"c{n}") for n in range(7)))
    assert most == 2
