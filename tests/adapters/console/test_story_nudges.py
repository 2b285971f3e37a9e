"""Story nudges in the console: `/time` forward, the offer by DM, Take it, the reminder."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console
from tests.adapters.console.test_story import WRITE

SPRINT = "/sprint start Winter start:2026-12-07 weeks:2 time:09:00 timezone:Europe/Berlin"


def test_a_waiting_story_is_offered_taken_reminded_and_released(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        SPRINT,
        "/as bob",
        "/profile set reviewer:on timezone:Europe/Berlin",
        "/as carol",
        "/profile set reviewer:off",
        "/as alice",
        "/profile set reviewer:on",
        *WRITE,
        "/time +2d",
        "/as bob",
        "/show",
        "/press 16",
        "/as alice",
        "/story mine",
        "/time +1d",
        "/time +12h",
        "/story mine",
        now="2026-12-07T08:00",
    ).replace("**", "")
    assert "No story here has been reviewed lately, so I can't tell how long it will take." in out
    assert "(#study)\n┌\n│ 1 story is waiting for review - /story review" in out
    assert out.count("┌ A story is waiting for you: Fixed the flaky pipeline") == 1
    assert "(direct message to bob)\n┌ A story is waiting for you" in out
    assert (
        "direct message to bob · A story is waiting for you: Fixed the flaky pipeline: [16]" in out
    )
    assert "#1 Fixed the flaky pipeline — Ownership · in review by 1 · reviewed 0/2" in out
    assert "(direct message to bob)\n┌ Your review is waiting: Fixed the flaky pipeline" in out
    assert "If it is not in by Thu 10 Dec, 21:00 (Europe/Berlin)" in out
    assert "#1 Fixed the flaky pipeline — Ownership · waiting for a reviewer · reviewed 0/2" in out
