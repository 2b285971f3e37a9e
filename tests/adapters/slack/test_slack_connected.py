"""/healthz learns from the Slack adapter whether it is connected (listening, or its socket up)."""

from __future__ import annotations

import asyncio
import contextlib

from pydantic import SecretStr

from bot.adapters.slack import serve
from bot.app.hub import Hub
from bot.config import Settings
from tests.adapters.slack.fake_slack import FakeSlack


async def _states_once(hub: Hub, want: dict[str, bool]) -> dict[str, bool]:
    for _ in range(100):
        states = await hub.metrics.platforms.states()
        if states == want:
            break
        await asyncio.sleep(0.05)
    return states


async def _stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await asyncio.wait_for(task, timeout=5)


async def test_http_mode_is_connected_once_it_listens(hub: Hub, slack_settings: Settings) -> None:
    assert await hub.metrics.platforms.states() == {}
    task = asyncio.create_task(serve(hub, slack_settings.model_copy(update={"slack_http_port": 0})))
    try:
        assert await _states_once(hub, {"slack": True}) == {"slack": True}
    finally:
        await _stop(task)


async def test_socket_mode_without_a_live_socket_is_not_connected(
    hub: Hub, slack_settings: Settings, fake: FakeSlack
) -> None:
    socket = slack_settings.model_copy(update={"slack_app_token": SecretStr("xapp-test")})
    task = asyncio.create_task(serve(hub, socket))
    try:
        await fake.wait_for("apps.connections.open")
        assert await hub.metrics.platforms.states() == {"slack": False}
    finally:
        await _stop(task)
