"""`/story` in the console, driven through stdin."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console
from tests.features.story.flow import ACTION, RESULT, SITUATION, TASK

WRITE = [
    "/story new principle:ownership",
    "Fixed the flaky pipeline",
    SITUATION,
    TASK,
    ACTION,
    RESULT,
]


def test_a_story_is_written_checked_reviewed_and_mapped(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        *WRITE,
        "/story mine",
        "/as bob",
        "/story review",
        "/press 1",
        "/press 1",
        "3 4 3 4 3",
        "Strong ownership and a clear number. Say more about the alternatives you rejected.",
        "/as alice",
        "/story show story:1",
        "/press 3",
        "/story coverage",
    ).replace("**", "")  # the console may or may not show bold markup
    assert "┌ Your STAR story (one line each; Enter keeps the value shown" in out
    assert "Story #1 saved: Fixed the flaky pipeline. +15 points." in out
    assert "Automatic check: nothing to fix." in out
    assert "#1 Fixed the flaky pipeline — Ownership · waiting for a reviewer · reviewed 0/2" in out
    assert "┌ Review this story: Fixed the flaky pipeline" in out
    assert "[1] Take it  [2] Skip this one" in out
    assert "[1] Write review  [2] Skip this one" in out
    assert "Thanks! Your review of Fixed the flaky pipeline is on its way to the author." in out
    assert "(direct message to alice)" in out
    assert "[1] Edit  [2] Share in channel  [3] Review 1 was helpful" in out
    assert "Thanks! Bob gets +5 points for a helpful review." in out
    assert "┌ Your Leadership Principle map: 1 of 16 covered" in out
    assert "Write next: Customer Obsession: it has no story yet." in out


def test_a_weak_story_shows_findings_and_a_mention_is_shown_literally(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        "/story new principle:dive-deep",
        "@everyone look",
        "We had an outage.",
        "Fix it.",
        "We fixed it together.",
        "It went well.",
        "/story review",
    )
    assert "Story #1 saved: @everyone look." in out
    assert "The Result has no measurable outcome." in out
    assert "Dive Deep is not evident in the Action or the Result." in out
    assert "No story is waiting for a review right now" in out
