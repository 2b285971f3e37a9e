"""A scheduled post meets 429s and 5xx: discord.py's own retries, one post, or one clear failure."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord
import pytest
from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.features.daily.tables import DailyPost
from bot.scheduling.delivery import JobRunner
from tests.adapters.discord.harness import ALICE, CHANNEL, Harness
from tests.fakes import FakeClock

FIRST_DAY = datetime(2026, 12, 7, 9, tzinfo=UTC)  # the sprint's first post time


@dataclass
class Waits:
    """discord.http's view of asyncio: its sleeps are recorded and skipped, the rest is real."""

    slept: list[float] = field(default_factory=list)

    @property
    def pauses(self) -> list[float]:
        """The waits of any length (each rate-limit bucket also waits 0 s after a request)."""
        return [delay for delay in self.slept if delay > 0]

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    async def sleep(self, delay: float, result: Any = None) -> Any:
        self.slept.append(delay)
        return result


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> Iterator[Waits]:
    """Skip the waits between discord.py's retries; the retries themselves stay its own."""
    recorded = Waits()
    monkeypatch.setattr(discord.http, "asyncio", recorded)
    yield recorded


async def _first_post(app: Harness, hub: Hub, clock: FakeClock) -> int:
    """Start a sprint and run the scheduler at its first post time; return the work done."""
    await app.start_sprint(clock)
    runner = JobRunner(hub.engine, clock, {"discord": app.client.messenger})
    clock.set(FIRST_DAY)
    return await runner.tick()


def _recorded_ref(hub: Hub) -> str | None:
    with Session(hub.engine) as session:
        [post] = session.exec(select(DailyPost)).all()
        return post.message_ref


def _alerts(app: Harness) -> list[dict[str, Any]]:
    return [e for m in app.dms_to(ALICE) for e in m["embeds"]]


@pytest.mark.parametrize(
    ("answers", "slept"),
    [([502], [1]), ([500, 504], [1, 3]), ([429], [0.05])],
    ids=["bad-gateway", "two-server-errors", "rate-limited"],
)
async def test_a_post_answered_by_a_passing_failure_lands_once_and_is_recorded(
    discord_app: Harness, hub: Hub, clock: FakeClock, waits: Waits, answers: list[int], slept: Any
) -> None:
    discord_app.api.glitches[CHANNEL] = list(answers)
    assert await _first_post(discord_app, hub, clock) == 2  # and Alice's digest: no news, none sent
    [landed] = discord_app.api.in_channel(CHANNEL)
    assert landed["embeds"][0]["title"].startswith("Question of the day")
    assert len(discord_app.api.posts_to(CHANNEL)) == len(answers) + 1
    assert waits.pauses == slept  # discord.py's own back-off, or the 429's Retry-After
    assert _recorded_ref(hub) == landed["id"]
    assert _alerts(discord_app) == []


@pytest.mark.parametrize(
    ("status", "tries", "slept"), [(502, 5, [1, 3, 5, 7, 9]), (503, 1, [])], ids=["502", "503"]
)
async def test_a_post_discord_keeps_failing_tells_the_sprint_admin_and_records_nothing_posted(
    discord_app: Harness,
    hub: Hub,
    clock: FakeClock,
    waits: Waits,
    status: int,
    tries: int,
    slept: list[int],
) -> None:
    discord_app.api.glitches[CHANNEL] = [status] * 10
    assert await _first_post(discord_app, hub, clock) == 2  # and Alice's digest: no news, none sent
    assert discord_app.api.in_channel(CHANNEL) == []
    assert len(discord_app.api.posts_to(CHANNEL)) == tries  # 502 is retried by discord.py, 503 not
    assert waits.pauses == slept
    assert _recorded_ref(hub) is None
    [alert] = _alerts(discord_app)
    assert alert["title"] == "PrepLoop could not post"
    assert (
        f"Cannot post to channel {CHANNEL} on Discord: "
        f"a server error at Discord ({status}), usually brief."
    ) in alert["description"]
    assert "<html>" not in alert["description"]
