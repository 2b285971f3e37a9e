"""Files a platform would attach are saved in the console's data folder, their path shown."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console

PROFILE = "/profile set role:MLE level:mle2 timezone:Europe/Paris"


def test_the_coverage_picture_is_saved_and_its_path_shown(tmp_path: Path) -> None:
    out = _console(tmp_path, "/story coverage")
    assert "│ 📎 Your LP coverage map: files/001-lp-coverage.png" in out
    assert (tmp_path / "files" / "001-lp-coverage.png").read_bytes().startswith(b"\x89PNG")


def test_each_partner_gets_a_calendar_invite_file(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        PROFILE,
        "/mock round round:phone_screen",
        "/press 1",
        "/as bob",
        PROFILE,
        "/press 1",
        "/time +1d",
        now="2026-12-07T11:00",
    )
    assert "│ 📎 Calendar invite: files/001-mock-interview.ics" in out
    assert "│ 📎 Calendar invite: files/002-mock-interview.ics" in out
    assert b"BEGIN:VCALENDAR" in (tmp_path / "files" / "002-mock-interview.ics").read_bytes()
