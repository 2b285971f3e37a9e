"""Starting PrepLoop with secrets set never prints one: tokens, the signing secret, passwords."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from asyncio.subprocess import PIPE
from pathlib import Path

import pytest

from tests.adapters.slack.fake_slack import BOT_TOKEN, SECRET, FakeSlack, slash
from tests.adapters.slack.test_slack_server import post
from tests.conftest import TEST_CONTENT

PASSWORD = "pw-Zq7%@!x"  # what the operator chose; the URL holds it percent-encoded
ENCODED = "pw-Zq7%25%40%21x"
DISCORD = "discord-token-never-printed"
APP = "xapp-never-printed"


def environment(tmp_path: Path, **values: str) -> dict[str, str]:
    """This process's environment without any platform setting, plus `values`."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    keep.pop("DATABASE_URL", None)
    return keep | {"CONTENT_DIR": str(TEST_CONTENT), "DATA_DIR": str(tmp_path)} | values


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def preploop(env: dict[str, str], *args: str, cwd: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def assert_no_secret(said: str) -> None:
    for secret in (PASSWORD, ENCODED, "Zq7", DISCORD, APP, BOT_TOKEN, SECRET):
        assert secret not in said


@pytest.mark.parametrize("command", [("run",), ("db", "upgrade")])
def test_an_unreachable_database_is_named_with_its_password_masked(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    url = f"postgresql://bot:{ENCODED}@127.0.0.1:{closed_port()}/preploop"
    env = environment(
        tmp_path, DATABASE_URL=url, DISCORD_TOKEN=DISCORD, LOG_LEVEL="DEBUG", LOG_FORMAT="json"
    )
    code, said = preploop(env, *command, cwd=tmp_path)
    assert code == 1
    assert "PrepLoop could not use the database: connection failed" in said
    assert "(DATABASE_URL is postgresql://bot:***@127.0.0.1:" in said
    assert "Traceback" not in said
    assert_no_secret(said)


def test_a_database_url_that_does_not_parse_is_quoted_masked(tmp_path: Path) -> None:
    url = f"postgresql://bot:{ENCODED}@db:no-port/preploop"
    env = environment(tmp_path, DATABASE_URL=url, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP)
    code, said = preploop(env, "run", cwd=tmp_path)
    assert code != 0
    assert "DATABASE_URL: Value error, not a database URL" in said
    assert "postgresql://bot:***@db:no-port/preploop" in said
    assert_no_secret(said)


def test_another_invalid_setting_prints_no_token(tmp_path: Path) -> None:
    env = environment(
        tmp_path, DISCORD_TOKEN=DISCORD, SLACK_SIGNING_SECRET=SECRET, DISCORD_SHARD_COUNT="zero"
    )
    code, said = preploop(env, "run", cwd=tmp_path)
    assert code != 0 and "DISCORD_SHARD_COUNT" in said
    assert_no_secret(said)


async def test_a_debug_run_in_json_serving_slack_prints_no_secret(tmp_path: Path) -> None:
    fake = FakeSlack(keep_alive=True)
    await fake.start()
    port = closed_port()
    env = environment(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        SLACK_HTTP_PORT=str(port),
        LOG_LEVEL="DEBUG",
        LOG_FORMAT="json",
    )
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path, stderr=PIPE
    )
    assert bot.stderr is not None
    try:
        said = b""
        while b"listening on port" not in said:
            line = await asyncio.wait_for(bot.stderr.readline(), timeout=60)
            assert line, said.decode()
            said += line
        url = f"http://127.0.0.1:{port}/slack/events"
        body = slash("/question", "", user="U1", response_url=fake.response_url())
        assert (await post(url, body))[0] == 200
        assert (await post(url, body, secret="forged"))[0] == 401
        bot.send_signal(signal.SIGTERM)
        said += await asyncio.wait_for(bot.stderr.read(), timeout=60)
        assert await bot.wait() == 0
    finally:
        if bot.returncode is None:
            bot.kill()
        await fake.stop()
    lines = said.decode().splitlines()
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert {"time", "level", "logger", "message"} <= set(records[0])
    assert any(r["logger"].startswith("slack_sdk") for r in records)  # DEBUG: requests logged
    assert_no_secret(said.decode())
