"""`preploop console --script FILE`, and the demo script a new member is pointed to."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.adapters.console import Options, run_console
from bot.adapters.console.clock import ConsoleClock
from bot.app.hub import OOPS, Hub
from bot.core.actors import Actor
from bot.core.cards import Reply
from tests.adapters.console.test_console import _run

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "demo" / "week.console"


def test_a_script_runs_its_commands_and_exits(tmp_path: Path) -> None:
    script = tmp_path / "try.console"
    script.write_text("# a comment is shown, not run\n/question\n/as bob\n", encoding="utf-8")
    done = _run(tmp_path, "/as carol", options=("--script", str(script)))
    assert done.returncode == 0
    assert "# a comment is shown, not run\nalice> /question" in done.stdout
    assert "You are now bob.\nBye." in done.stdout
    assert "/as carol" not in done.stdout  # the script's lines, not standard input's


def test_a_missing_script_is_refused_plainly(tmp_path: Path) -> None:
    done = _run(tmp_path, options=("--script", "nowhere.console"))
    assert done.returncode == 2
    assert "no such file: nowhere.console" in done.stderr


def test_a_script_that_hits_a_failure_exits_non_zero(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(actor: Actor, group: str, text: str) -> Reply:
        return Reply.note(OOPS)

    monkeypatch.setattr(hub, "command_text", broken)
    out = io.StringIO()
    code = run_console(
        hub, ConsoleClock(), stdout=out, options=Options(script=io.StringIO("/question\n"))
    )
    assert OOPS in out.getvalue()
    assert code == 1


def test_the_demo_walks_through_a_week_without_a_failure(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env |= {"DATABASE_URL": "", "DATA_DIR": str(tmp_path)}
    env.pop("CONTENT_DIR", None)  # the demo runs on the real question bank
    command = [sys.executable, "-m", "bot", "console", "--now", "2026-12-06T10:00"]
    done = subprocess.run(
        [*command, "--script", str(DEMO)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    for seen in (
        "Saved your answer. +10 points.",
        "Story #1 saved",
        "(direct message to alice)",
        "  #study · Mock round: Phone screen (1 button: /show)",
        "│ 📎 Calendar invite: files/",
        "┌ Week of 2026-12-07",
    ):
        assert seen in done.stdout
    assert "Commands start with /" not in done.stdout  # every scripted answer reached its form
