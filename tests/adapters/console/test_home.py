"""`/home` in `preploop console`: a member lives through their home, an admin sees more."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console
from tests.adapters.console.test_mock_confirm import PAIRED


def test_the_home_follows_a_member_through_answering_and_pairing(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        "/as bob",
        "/home",
        "/question",
        "/press 1",
        "It is target leakage: check the split by time.",
        "/home",
        "/as alice",
        *PAIRED[:2],
        *PAIRED[3:],
        "/home",
        now="2026-12-01T09:00",
    )
    first, answered, paired = out.split("bob> /home")[1:]
    assert "Points: No points yet: answer today's question to get on the board." in first
    assert "Today's question: No question in your channel today yet" in first
    assert "Points: 10 pts · rank 🥇 #1 all time · #1 this week (10 pts)" in answered
    assert "Spotting target leakage (Applied ML & ML depth · easy) · answered ✓" in answered
    assert "[1] Edit your answer" in answered
    assert "Next mock: ML depth with Alice, proposed for Tue 1 Dec, 12:00 (America/New_York)" in (
        paired
    )
    assert "[1] Edit your answer  [2] Accept  [3] Another time" in paired
    assert "Community (admins)" not in out  # bob is no admin


def test_an_admins_home_shows_the_numbers_and_the_live_sprint(tmp_path: Path) -> None:
    out = _console(tmp_path, "/sprint start Winter", "/home", now="2026-12-01T09:00")
    home = out.split("alice> /home")[1]
    assert "Community (admins): Members: 1 · 0 active this week" in home
    assert "Live sprint: Sprint: Winter" in home
