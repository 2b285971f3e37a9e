"""`preploop run` paces each platform at the limits its adapter declares."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from bot.adapters.discord.pace import PACE as DISCORD_PACE
from bot.adapters.slack.pace import PACE as SLACK_PACE
from bot.runner import platform_paces


def test_each_connected_platform_is_paced_by_its_adapter() -> None:
    paces = platform_paces({"discord": object(), "slack": object()})
    assert paces == {"discord": DISCORD_PACE, "slack": SLACK_PACE}
    assert DISCORD_PACE.per_second == 50  # Discord's global limit per bot token
    assert SLACK_PACE.channel_gap == 1.0  # about one message a second per Slack channel


def test_a_platform_not_connected_gets_no_pace() -> None:
    assert platform_paces({"console": object()}) == {}


def _preploop_run(tmp_path: Path, *flags: str) -> subprocess.Popen[str]:
    """Start `preploop run` with no platform credentials, in a folder without a .env file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", *flags],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_start_without_credentials_says_what_to_set_and_exits_2(tmp_path: Path) -> None:
    process = _preploop_run(tmp_path)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.count("No platform credentials are set") == 1
    assert "Set DISCORD_TOKEN for Discord" in err
    assert "stays idle" not in err


def test_the_container_command_without_credentials_says_so_once_then_waits(
    tmp_path: Path,
) -> None:
    process = _preploop_run(tmp_path, "--idle-if-unconfigured")
    assert process.stderr is not None
    told = "".join(iter_until(process.stderr, "stays idle"))
    assert told.count("No platform credentials are set") == 1
    with pytest.raises(subprocess.TimeoutExpired):  # still there, so nothing restarts it
        process.wait(timeout=1)
    process.send_signal(signal.SIGTERM)  # `docker compose stop`
    _, rest = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "Traceback" not in told + rest


def iter_until(stream: IO[str], text: str) -> Iterator[str]:
    """Yield the stream's lines up to and including the first that holds text."""
    for line in stream:
        yield line
        if text in line:
            return
    raise AssertionError(f"the process ended without printing {text!r}")
