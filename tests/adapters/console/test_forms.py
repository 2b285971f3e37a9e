"""Forms in the console: current values kept, optional fields skipped, commands caught."""

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
SCORES = "3 4 3 4 3"


def test_editing_a_story_shows_each_part_and_keeps_it_on_an_empty_line(tmp_path: Path) -> None:
    out = _console(
        tmp_path, *WRITE, "/story edit story:1", "", "", "", "", "It worked: 40 % faster."
    )
    assert "│   now: Fixed the flaky pipeline" in out
    assert out.count("  │ > (kept)") == 4
    assert "Story #1 updated: Fixed the flaky pipeline." in out


def test_a_dash_skips_the_optional_comment_of_a_review(tmp_path: Path) -> None:
    out = _console(
        tmp_path, *WRITE, "/as bob", "/story review", "/press 1", "/press 1", SCORES, "-"
    )
    assert "│   e.g. 3 4 2 3 4 (STAR, specificity, ownership, measurable result, fit)" in out
    assert "  │ > (left empty)" in out
    assert "is on its way to the author" in out


def test_a_command_typed_into_an_open_form_asks_before_cancelling(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        "/story new principle:ownership",
        "A title",
        "/story new principle:nonsense",
        "yes",
        "/story mine",
    )
    assert "A form is still open. Cancel it and drop what you typed? (yes/no)" in out
    assert "Cancelled; nothing was sent." in out
    assert "/story new principle:nonsense" not in out.split("alice> /story mine")[1]
    assert "+15" not in out


def test_answering_no_carries_on_with_the_same_field(tmp_path: Path) -> None:
    out = _console(tmp_path, "/question", "/press 1", "/help", "no", "A hash map.")
    assert "  │ Carry on. Two Sum:" in out
    assert "Saved your answer. +10 points." in out


def test_a_field_shows_its_limit_and_refuses_a_longer_line(tmp_path: Path) -> None:
    out = _console(tmp_path, "/story new principle:ownership", "x" * 101, "/cancel")
    assert "│ Title (a few words you will recognise) (at most 100 characters):" in out
    assert "That is 101 characters; at most 100 fit here. Type it again, or /cancel:" in out
    assert "Cancelled; nothing was sent." in out
