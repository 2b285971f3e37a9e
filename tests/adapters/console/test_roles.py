"""Role rewards in the console: roles are simulated, and `/time` lives through the days."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console

ANSWER = ("/question", "/press 1", "A hash map from value to index, in one pass.")


def test_a_streak_role_is_given_then_taken_back_as_days_pass(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        '/roles set streak:2 role:"Streak 2"',
        "/as bob",
        *ANSWER,
        "/time +1d",
        *ANSWER,
        "/time +1d",
        "/time +3d",
        now="2026-12-07T10:00",
    )
    assert "Saved: @Streak 2 goes to members on a streak of 2 days or more." in out
    given = out.index("(role Streak 2 given to Bob)")
    assert out.index("— Wed 9 Dec —") < given < out.index("(role Streak 2 taken from Bob)")
    assert out.count("(role Streak 2 given to Bob)") == 1


def test_bob_may_not_set_role_rewards(tmp_path: Path) -> None:
    out = _console(tmp_path, "/as bob", "/roles", '/roles set top3:yes role:"Top 3"')
    assert out.count("Only community admins can use that command.") == 2
