"""`preploop run` with WEB_PORT serves /healthz and /metrics; neither shows a secret."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest
from aiohttp import ClientSession
from pydantic import SecretStr

from bot import runner
from bot.app.hub import Hub
from bot.bootstrap import prepare
from bot.config import Settings
from bot.web import server as web_server
from tests.conftest import TEST_CONTENT, actor
from tests.fakes import FakeClock
from tests.ops.conftest import serving

SECRETS = {
    "discord_token": "discord-secret-token-123",
    "slack_bot_token": "xoxb-slack-secret-456",
    "slack_signing_secret": "signing-secret-789",
}


def test_web_port_is_off_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEB_PORT", raising=False)
    assert Settings(_env_file=None).web_port is None  # type: ignore[call-arg]
    monkeypatch.setenv("WEB_PORT", "8080")
    assert Settings(_env_file=None).web_port == 8080  # type: ignore[call-arg]


async def test_run_with_web_port_serves_health_once_the_scheduler_ticks(
    hub: Hub, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    ports: asyncio.Queue[int] = asyncio.Queue()

    async def serve_on_a_free_port(hub: Hub, settings: Settings, port: int | None = None) -> None:
        asked.append(settings.web_port or 0)
        local = settings.model_copy(update={"web_host": "127.0.0.1"})
        server = await web_server.start_web(hub, local, 0)
        ports.put_nowait(server.addresses[0][1])
        try:
            await asyncio.Event().wait()
        finally:
            await server.cleanup()

    monkeypatch.setattr(web_server, "serve_web", serve_on_a_free_port)
    with_port = settings.model_copy(update={"web_port": 8080})
    task = asyncio.create_task(runner.serve_all(hub, with_port))
    try:
        port = await asyncio.wait_for(ports.get(), 10)
        assert asked == [8080]
        body = await _until_ticked(f"http://127.0.0.1:{port}/healthz")
        assert body["status"] == "ok"
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)


async def _until_ticked(url: str) -> dict[str, object]:
    async with ClientSession() as session:
        for _ in range(100):
            async with session.get(url) as response:
                body: dict[str, object] = await response.json()
                scheduler = body["scheduler"]
                assert isinstance(scheduler, dict)
                if scheduler["last_tick"] is not None:
                    assert response.status == 200
                    return body
            await asyncio.sleep(0.1)
    raise AssertionError("the scheduler never ticked")


async def test_no_token_or_database_url_appears_in_either_answer(
    tmp_path: Path, clock: FakeClock
) -> None:
    url = f"sqlite:///{tmp_path / 'private-folder-name' / 'bot.db'}"
    settings = Settings(
        database_url=url,
        content_dir=TEST_CONTENT,
        _env_file=None,  # type: ignore[call-arg]
        **{name: SecretStr(value) for name, value in SECRETS.items()},
    )
    hub = prepare(settings, clock)
    hub.metrics.pulse(clock.now())
    hub.command_text(actor("ana"), "question", "")
    hub.command_text(actor("ana"), "profile", f"set {SECRETS['discord_token']}")
    hub.command_text(actor("ana"), SECRETS["slack_bot_token"], "")  # typed text is no label
    hub.press(actor("ana"), SECRETS["slack_signing_secret"], "1")
    try:
        async with serving(hub) as client:
            health = await (await client.get("/healthz")).text()
            metrics = await (await client.get("/metrics")).text()
    finally:
        hub.engine.dispose()
    assert '"status": "ok"' in health and "preploop_commands_total" in metrics
    for text in (health, metrics):
        for secret in (*SECRETS.values(), "private-folder-name", "sqlite"):
            assert secret not in text
