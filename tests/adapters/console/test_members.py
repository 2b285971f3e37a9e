"""More members in the console: `/join NAME [admin]` and `--members N`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.console.test_console import _console, _run


def test_a_joined_member_can_act_and_is_not_an_admin(tmp_path: Path) -> None:
    out = _console(tmp_path, "/join dave", "/as dave", "/question post-now")
    assert "dave joined the study group: 4 members." in out
    assert "You are now dave." in out
    assert "Only community admins can use that command." in out


def test_a_member_joined_as_admin_can_use_admin_commands(tmp_path: Path) -> None:
    out = _console(tmp_path, "/join erin admin", "/as erin", "/question post-now")
    assert "erin joined the study group as an admin: 4 members." in out
    assert "(#study)" in out


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("/join bob", "bob is already here. /as bob acts as them."),
        ("/join", "Add a member with /join NAME or /join NAME admin"),
        ("/join <@everyone>", "Add a member with /join NAME or /join NAME admin"),
        ("/join dave boss", "Add a member with /join NAME or /join NAME admin"),
    ],
)
def test_a_join_that_cannot_work_says_why(tmp_path: Path, line: str, answer: str) -> None:
    assert answer in _console(tmp_path, line)


def test_members_on_the_command_line_fill_a_ten_person_group(tmp_path: Path) -> None:
    out = _console(tmp_path, "/as judy", options=("--members", "10"))
    assert "with members alice, bob, carol, dave, erin, frank, grace, heidi, ivan, judy." in out
    assert "You are now judy." in out


def test_a_member_count_out_of_range_is_refused_plainly(tmp_path: Path) -> None:
    done = _run(tmp_path, options=("--members", "0"))
    assert done.returncode == 2
    assert "a number of members from 1 to 100" in done.stderr
