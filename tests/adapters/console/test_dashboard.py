"""`preploop console --web-port 0`: the dashboard served beside the console, links that open."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from tests.adapters.console.test_console import _console
from tests.conftest import TEST_CONTENT

LINK = re.compile(r"(http://localhost:\d+/(?:admin|board)/\S+)")


def _read_until(process: subprocess.Popen[str], pattern: re.Pattern[str]) -> re.Match[str]:
    assert process.stdout is not None
    for line in process.stdout:
        found = pattern.search(line)
        if found:
            return found
    raise AssertionError("the console ended before printing a link")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_console_serves_the_dashboard_its_links_point_at(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_", "WEB_"))}
    env |= {
        "CONTENT_DIR": str(TEST_CONTENT),
        "DATABASE_URL": "",
        "DATA_DIR": str(tmp_path),
        "PUBLIC_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "console", "--now", "2026-11-26T10:00", "--web-port", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert process.stdin is not None
    try:
        process.stdin.write("/dashboard\n")
        process.stdin.flush()
        admin = _read_until(process, LINK).group(1)
        assert _status(admin) == 200
        process.stdin.write("/dashboard public on:yes\n")
        process.stdin.flush()
        board = _read_until(process, LINK).group(1)
        assert _status(board) == 200
        process.stdin.write("/dashboard public on:no\n")
        process.stdin.flush()
        _read_until(process, re.compile("The web leaderboard is down"))
        assert _status(board) == 404
        assert _status(admin[:-1] + ("0" if admin[-1] != "0" else "1")) == 403
        process.stdin.write("/quit\n")
        process.stdin.flush()
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        process.wait()
    assert "Traceback" not in (process.stderr.read() if process.stderr else "")


def test_without_a_web_port_the_console_says_the_dashboard_is_off(tmp_path: Path) -> None:
    out = _console(tmp_path, "/dashboard", "/as bob", "/dashboard public on:yes")
    assert "The web dashboard is not switched on for this bot" in out
    assert "Only community admins can use that command." in out
