"""/healthz: 200 when the database answers, the scheduler ticks and the platforms are connected."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import create_engine, event

from bot.app.hub import Hub
from bot.ops.health import Health
from bot.ops.metrics import Metrics
from bot.scheduling.delivery import JobRunner
from bot.storage.engine import make_engine
from tests.fakes import FakeClock, FakeMessenger
from tests.ops.conftest import serving


async def _health(client: TestClient) -> tuple[int, dict[str, Any]]:
    response = await client.get("/healthz")
    assert response.headers["Content-Type"].startswith("application/json")
    return response.status, await response.json()


async def _tick(hub: Hub, clock: FakeClock) -> None:
    runner = JobRunner(hub.engine, clock, {"console": FakeMessenger()}, metrics=hub.metrics)
    await runner.tick()


async def test_a_reachable_database_and_a_fresh_tick_are_healthy(
    hub: Hub, clock: FakeClock, ops: TestClient
) -> None:
    await _tick(hub, clock)
    clock.advance(seconds=70)
    status, body = await _health(ops)
    assert status == 200
    assert body["status"] == "ok"
    assert body["database"]["reachable"] is True
    assert body["scheduler"] == {
        "ticking": True,
        "last_tick": "2026-12-01T09:00:00+00:00",
        "age_seconds": 70.0,
        "stale_after_seconds": 180.0,
    }
    assert body["platforms"] == {}


async def test_a_tick_older_than_three_minutes_fails_the_check(
    hub: Hub, clock: FakeClock, ops: TestClient
) -> None:
    await _tick(hub, clock)
    clock.advance(minutes=3, seconds=1)
    status, body = await _health(ops)
    assert status == 503
    assert body["status"] == "failing"
    assert body["scheduler"]["ticking"] is False
    assert body["database"]["reachable"] is True


async def test_before_the_first_tick_the_scheduler_has_three_minutes_to_start(
    hub: Hub, clock: FakeClock, ops: TestClient
) -> None:
    clock.advance(minutes=2)
    status, body = await _health(ops)
    assert (status, body["scheduler"]["last_tick"]) == (200, None)
    clock.advance(minutes=2)
    assert (await _health(ops))[0] == 503


async def test_an_unreachable_database_fails_the_check_without_naming_it(
    tmp_path: Path, clock: FakeClock
) -> None:
    url = "postgresql://preploop:hunter2-secret@127.0.0.1:1/preploop"
    hub = Hub(make_engine(url), clock=clock)
    hub.metrics.pulse(clock.now())
    async with serving(hub) as client:
        status, body = await _health(client)
        metrics = await (await client.get("/metrics")).text()
    assert status == 503
    assert body["status"] == "failing"
    assert body["database"] == {"reachable": False, "error": "OperationalError"}
    for text in (str(body), metrics):
        assert "hunter2" not in text and "127.0.0.1" not in text and "preploop:" not in text


async def test_a_missing_sqlite_file_is_unreachable(tmp_path: Path, clock: FakeClock) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'no-such-folder' / 'x.db'}")
    hub = Hub(engine, clock=clock)
    hub.metrics.pulse(clock.now())
    async with serving(hub) as client:
        status, body = await _health(client)
    assert (status, body["database"]["reachable"]) == (503, False)


async def test_a_database_slower_than_the_limit_counts_as_unreachable(
    tmp_path: Path, clock: FakeClock
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'slow.db'}")
    event.listen(engine, "connect", lambda *_: time.sleep(0.5))
    metrics = Metrics()
    metrics.pulse(clock.now())
    health = Health(engine, clock, metrics, database_seconds=0.05)
    first = await health.report()
    assert first.database == {"reachable": False, "error": "no answer in 0.05 s"}
    assert first.http_status == 503
    # A check still hanging is not joined by another one.
    second = await health.report()
    assert second.database["error"] == "the previous check is still waiting"
    await asyncio.sleep(1.0)  # the first check ends; the next one may run
    health.database_seconds = 5.0
    assert (await health.report()).status == "ok"


async def test_a_disconnected_platform_degrades_the_check(
    hub: Hub, clock: FakeClock, ops: TestClient
) -> None:
    hub.metrics.pulse(clock.now())
    states = {"discord": True, "slack": True}

    async def slack() -> bool:
        return states["slack"]

    hub.metrics.platforms.watch("discord", lambda: states["discord"])
    hub.metrics.platforms.watch("slack", slack)
    status, body = await _health(ops)
    assert (status, body["platforms"]) == (200, {"discord": True, "slack": True})
    states["discord"] = False
    status, body = await _health(ops)
    assert (status, body["status"]) == (503, "degraded")
    assert body["platforms"] == {"discord": False, "slack": True}
    metrics = await (await ops.get("/metrics")).text()
    assert 'preploop_platform_connected{platform="discord"} 0.0' in metrics
    assert 'preploop_platform_connected{platform="slack"} 1.0' in metrics
    assert "python_info{" in metrics


async def test_a_probe_that_raises_reads_as_disconnected(
    hub: Hub, clock: FakeClock, ops: TestClient
) -> None:
    hub.metrics.pulse(clock.now())

    def broken() -> bool:
        raise RuntimeError("no websocket")

    hub.metrics.platforms.watch("discord", broken)
    status, body = await _health(ops)
    assert (status, body["platforms"]) == (503, {"discord": False})
