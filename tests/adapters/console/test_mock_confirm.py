"""A mock's time agreed in `preploop console`: another time, accept, reminders, the space."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console

ALICE = '/profile set role:MLE level:mle2 timezone:Europe/Paris availability:"mon-fri 18:00-21:00"'
BOB = (
    "/profile set role:MLE level:senior timezone:America/New_York "
    'availability:"mon-fri 12:00-15:00"'
)
PAIRED = (
    ALICE,
    "/mock request round:onsite_coding",
    "/mock settings space:on",
    "/as bob",
    BOB,
    "/mock request round:ml_depth",
)


def test_another_time_accepted_then_reminders_and_a_private_space(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        *PAIRED,
        "/press 4",  # Another time
        "/press 3",  # Thu 3 Dec, 12:00 in New York
        "/as alice",
        "/press 1",  # Accept
        "/time +32h",
        "/time +23h",
        "/time +1h",
        "/time +1d",
        now="2026-12-01T09:00",
    )
    assert "[1] Give feedback  [2] Partner didn't show  [3] Accept  [4] Another time" in out
    assert "[3] Thu 3 Dec, 12:00 (America/New_York)  [4] Suggest your own" in out
    assert "I asked alice to accept Thu 3 Dec, 12:00 (America/New_York)." in out
    assert "bob proposes Thu 3 Dec, 18:00 (Europe/Paris)." in out
    assert out.count("Your mock interview is confirmed") == 2
    assert "Updated calendar invite attached" in out
    assert "SEQUENCE:1" in (tmp_path / "files" / "004-mock-interview.ics").read_text()
    assert out.count("Mock interview in 24 hours") == 2
    assert out.count("Mock interview in 1 hour") == 2
    assert "You meet bob at Thu 3 Dec, 18:00 (Europe/Paris). bob interviews you first." in out
    assert "(new private space “Mock interview 1” for bob and alice)" in out
    assert "This mock space closes now" in out


def test_a_pairing_nobody_accepts_is_released_and_both_are_told(tmp_path: Path) -> None:
    out = _console(tmp_path, *PAIRED, "/time +8h", "/mock status", now="2026-12-01T09:00")
    assert out.count("Back in the mock queue, first in line") == 2
    assert "Nobody accepted a time for your mock with alice by Tue 1 Dec, 12:00" in out
    assert "You are first in line." in out


def test_a_time_of_my_own_that_cannot_be_read_is_asked_again(tmp_path: Path) -> None:
    out = _console(
        tmp_path, *PAIRED, "/press 4", "/press 4", "next week maybe", now="2026-12-01T09:00"
    )
    assert "is not a time I can read; write it like `thu 18:30` or `2026-12-10 18:30`." in out
