"""`preploop console` driven through stdin, as a newcomer would pipe it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TEST_CONTENT

# The question of the day depends on the date: a fixed clock keeps these transcripts stable.
TODAY = "2026-11-26T10:00"


def _run(
    tmp_path: Path, *lines: str, now: str = TODAY, options: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env |= {"CONTENT_DIR": str(TEST_CONTENT), "DATABASE_URL": "", "DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--now", now, *options],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in done.stderr
    return done


def _console(tmp_path: Path, *lines: str, now: str = TODAY, options: tuple[str, ...] = ()) -> str:
    done = _run(tmp_path, *lines, now=now, options=options)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_piped_transcript_shows_the_question_and_takes_an_answer(tmp_path: Path) -> None:
    out = _console(tmp_path, "/question", "/press 1", "A hash map from value to index.")
    assert "alice> /question" in out
    assert "Question of the day: Two Sum" in out
    assert "[1] Answer  [2] Hint" in out
    assert "Saved your answer. +10 points." in out
    assert (tmp_path / "preploop.db").exists()


def test_hints_and_member_switching(tmp_path: Path) -> None:
    out = _console(tmp_path, "/question", "/press 2", "/as bob", "/question post-now")
    assert "Hint 1 of 2" in out
    assert "You are now bob." in out
    assert "Only community admins can use that command." in out


def test_the_admin_posts_to_the_channel(tmp_path: Path) -> None:
    out = _console(tmp_path, "/question post-now")
    assert "(#study)" in out


def test_unknown_input_gets_short_help(tmp_path: Path) -> None:
    out = _console(tmp_path, "hello", "/nope", "/question sideways", "/as zed", "/press 9")
    assert "Commands start with /. Type /help to see them." in out
    assert "I don't know `/nope`. Try `/help`." in out
    assert "I didn't understand `sideways`." in out
    assert "No member called that here." in out
    assert "Press a button by its number" in out


def test_help_lists_console_and_bot_commands(tmp_path: Path) -> None:
    out = _console(tmp_path, "/help")
    assert "/as NAME" in out
    assert "`/question post-now` — Post today's question in this channel" in out


def test_terminal_control_characters_in_an_answer_are_neutralised(tmp_path: Path) -> None:
    out = _console(tmp_path, "/question", "/press 1", "red \x1b[31m text")
    assert "\x1b" not in out
    assert "red \N{REPLACEMENT CHARACTER}[31m text" in out


def test_a_sprint_posts_on_schedule_as_the_console_clock_moves(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        "/sprint start Prep start:2026-12-07",
        "/time +1d",
        "/press 1",
        "My answer to the scheduled question.",
        "/time +23h",
        "/time sideways",
        now="2026-12-06T10:00",
    )
    assert "Prep runs 2026-12-07 to 2027-01-03 (4 weeks)" in out
    assert "It is now 2026-12-07 10:00 UTC." in out
    assert out.count("┌ Question of the day:") == 2
    assert "Saved your answer. +10 points." in out
    assert "(#study, in the thread of “Question of the day: Two Sum”)" in out
    assert "console-1" not in out
    assert "What a strong answer covers:" in out
    assert "Move the clock forward with /time +1d" in out


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env |= {"CONTENT_DIR": str(TEST_CONTENT), "DATABASE_URL": "", "DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [
            "bash",
            "-c",
            f"printf '/question\\n/help\\n' | {sys.executable} -m bot console | head -1",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.stdout.startswith("PrepLoop console")
    assert "Traceback" not in done.stderr
