"""The real serving paths: the aiohttp server at /slack/events, Socket Mode, and secrets."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import sys
from asyncio.subprocess import PIPE
from pathlib import Path

import aiohttp
import pytest
from pydantic import SecretStr

from bot.adapters.slack import build_app, serve
from bot.adapters.slack.server import EVENTS_PATH, HTTP_MODE_HELP, start_http
from bot.app.hub import Hub
from bot.config import Settings
from tests.adapters.slack.conftest import Workspace
from tests.adapters.slack.fake_slack import BOT_TOKEN, SECRET, FakeSlack, signed, slash
from tests.conftest import TEST_CONTENT

APP_TOKEN = "xapp-test-app-token"


async def post(url: str, body: str, secret: str = SECRET) -> tuple[int, str]:
    request = signed(body, secret=secret)
    headers = {k: str(v[0]) for k, v in request.headers.items()}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body, headers=headers) as response,
    ):
        return response.status, await response.text()


async def test_a_signed_command_over_http_is_answered(
    hub: Hub, slack_settings: Settings, fake: FakeSlack
) -> None:
    runner = await start_http(build_app(hub, slack_settings), host="127.0.0.1", port=0)
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}{EVENTS_PATH}"
        body = slash("/question", "", user="U1", response_url=fake.response_url())
        assert (await post(url, body, secret="wrong"))[0] == 401
        status, answer = await post(url, body)  # a quick answer comes back in the HTTP response
        assert status == 200
        card = json.loads(answer)
        assert card["response_type"] == "ephemeral"
        assert card["blocks"][0]["text"]["text"].startswith("Question of the day")
        assert fake.responses == []  # no second request to the response_url
    finally:
        await runner.cleanup()


async def test_socket_mode_connects_with_the_app_token(
    hub: Hub, slack_settings: Settings, fake: FakeSlack
) -> None:
    socket = slack_settings.model_copy(update={"slack_app_token": SecretStr(APP_TOKEN)})
    task = asyncio.create_task(serve(hub, socket))
    try:
        await fake.wait_for("apps.connections.open")
        assert fake.headers["apps.connections.open"] == f"Bearer {APP_TOKEN}"
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(task, timeout=5)


async def test_http_mode_without_a_signing_secret_refuses_to_start(
    hub: Hub, slack_settings: Settings
) -> None:
    unsigned = slack_settings.model_copy(update={"slack_signing_secret": None})
    with pytest.raises(RuntimeError, match="SLACK_SIGNING_SECRET"):
        await serve(hub, unsigned)
    assert "SLACK_APP_TOKEN" in HTTP_MODE_HELP


async def test_tokens_and_the_secret_never_reach_the_logs(
    slack: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    slack.fake.admins.add("U9")
    await slack.command("post-now", user="U9")
    await slack.fake.wait_for("chat.postMessage")
    assert caplog.text
    assert BOT_TOKEN not in caplog.text
    assert SECRET not in caplog.text


async def test_preploop_run_stops_cleanly_on_sigterm(tmp_path: Path, fake: FakeSlack) -> None:
    with socket.socket() as probe:  # a free port for the bot's HTTP server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env |= {
        "CONTENT_DIR": str(TEST_CONTENT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "SLACK_HTTP_PORT": str(port),
        "LOG_LEVEL": "INFO",  # the test reads "listening on port" and "PrepLoop stopped"
    }
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path, stderr=PIPE
    )
    assert bot.stderr is not None
    try:
        log = b""
        while b"listening on port" not in log:
            line = await asyncio.wait_for(bot.stderr.readline(), timeout=30)
            assert line, log.decode()
            log += line
        body = slash("/question", "", user="U1", response_url=fake.response_url())
        status, answer = await post(f"http://127.0.0.1:{port}{EVENTS_PATH}", body)
        assert status == 200 and "Question of the day" in answer
        bot.send_signal(signal.SIGTERM)
        rest = await asyncio.wait_for(bot.stderr.read(), timeout=30)
        assert await bot.wait() == 0
    finally:
        if bot.returncode is None:
            bot.kill()
    said = (log + rest).decode()
    assert "PrepLoop stopped" in said
    assert "Traceback" not in said
