"""`preploop run` on Discord: /healthz says Discord is down until the gateway's READY, then up."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
import yarl
from aiohttp import ClientSession, WSMsgType, web
from pydantic import SecretStr

from bot import runner
from bot.app.hub import Hub
from bot.config import Settings
from bot.web import server as web_server
from tests.adapters.discord.fake_api import BOT_USER
from tests.adapters.discord.fake_gateway import HEARTBEAT_ACK, HELLO, FakeGateway


class ReadyGateway(FakeGateway):
    """A gateway that answers IDENTIFY with READY (no guilds) once the test allows it."""

    def __init__(self) -> None:
        super().__init__()
        self.allow = asyncio.Event()

    async def _connection(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_str(json.dumps(HELLO))
        async for frame in socket:
            if frame.type is not WSMsgType.TEXT:
                continue
            sent = json.loads(frame.data)
            if sent["op"] == 2:
                async with self._changed:
                    self.identified.append(sent["d"])
                    self._changed.notify_all()
                await self.allow.wait()
                await socket.send_str(json.dumps(_ready()))
            elif sent["op"] == 1:
                await socket.send_str(json.dumps(HEARTBEAT_ACK))
        return socket


def _ready() -> dict[str, Any]:
    data = {
        "v": 10,
        "user": BOT_USER,
        "guilds": [],
        "session_id": "session-1",
        "resume_gateway_url": "ws://127.0.0.1:9/",
        "application": {"id": BOT_USER["id"], "flags": 0},
    }
    return {"op": 0, "t": "READY", "s": 1, "d": data}


@pytest.fixture
async def ready_gateway(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[ReadyGateway]:
    fake = ReadyGateway()
    url = yarl.URL(await fake.start())
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", url)
    yield fake
    await fake.stop()


@pytest.mark.usefixtures("api")
async def test_health_follows_the_discord_connection(
    ready_gateway: ReadyGateway, hub: Hub, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    ports: asyncio.Queue[int] = asyncio.Queue()

    async def serve_on_a_free_port(hub: Hub, settings: Settings, port: int | None = None) -> None:
        local = settings.model_copy(update={"web_host": "127.0.0.1"})
        server = await web_server.start_web(hub, local, 0)
        ports.put_nowait(server.addresses[0][1])
        try:
            await asyncio.Event().wait()
        finally:
            await server.cleanup()

    monkeypatch.setattr(web_server, "serve_web", serve_on_a_free_port)
    chosen = settings.model_copy(
        update={"discord_token": SecretStr("fake-token"), "web_port": 8080}
    )
    task = asyncio.create_task(runner.serve_all(hub, chosen))
    try:
        url = f"http://127.0.0.1:{await asyncio.wait_for(ports.get(), 10)}/healthz"
        await ready_gateway.identifies(1)
        async with ClientSession() as session:
            async with session.get(url) as response:
                assert response.status == 503
                body = await response.json()
            assert (body["status"], body["platforms"]) == ("degraded", {"discord": False})
            ready_gateway.allow.set()
            body = await _until(session, url, lambda b: b["scheduler"]["last_tick"] is not None)
        assert (body["status"], body["platforms"]) == ("ok", {"discord": True})
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)


async def _until(session: ClientSession, url: str, done: Any) -> dict[str, Any]:
    for _ in range(100):
        async with session.get(url) as response:
            body: dict[str, Any] = await response.json()
        if done(body):
            return body
        await asyncio.sleep(0.1)
    raise AssertionError(f"never: {body}")
