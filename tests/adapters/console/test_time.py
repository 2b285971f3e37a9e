"""`/time` in the console: every scheduled post on the way is shown, day by day."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.console.test_console import _console

NEW_YORK = "/sprint start Prep start:2026-12-07 weeks:2 time:09:00 timezone:America/New_York"


def test_stepping_a_day_at_a_time_reaches_a_new_york_post_time(tmp_path: Path) -> None:
    out = _console(tmp_path, NEW_YORK, "/time +1d", "/time +1d", now="2026-12-06T11:00")
    assert out.count("┌ Question of the day:") == 1
    assert "— Mon 7 Dec —" in out
    assert "It is now 2026-12-08 11:00 UTC." in out


@pytest.fixture(scope="module")
def two_weeks(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A two-week sprint: its first day, one answer, then the rest in one `/time +14d`.

    The recap posts the morning after the last day; a week's board only when someone took part.
    """
    sprint = NEW_YORK.replace("America/New_York", "UTC")
    folder = tmp_path_factory.mktemp("two-weeks")
    answer = ("/press 1", "A hash map from value to index, in one pass.")
    return _console(folder, sprint, "/time +1d", *answer, "/time +14d", now="2026-12-06T10:00")


@pytest.mark.parametrize(
    ("title", "times"),
    [
        ("┌ Question of the day:", 12),
        ("┌ What a strong answer covers:", 12),
        ("┌ Week of 2026-12-07 — top 10", 1),
        ("┌ Week of 2026-12-14 — top 10", 0),  # nobody took part in week two
        ("┌ Mock round: ", 2),
        ("┌ Mock round closed: ", 2),
        ("┌ Sprint recap: Prep", 1),
        ("— Mon 7 Dec —", 1),
        ("— Sat 19 Dec —", 1),
    ],
)
def test_a_two_week_sprint_in_one_jump_shows_every_planned_post_once(
    two_weeks: str, title: str, times: int
) -> None:
    assert two_weeks.count(title) == times


def test_the_posts_of_a_jump_come_in_time_order_under_their_day(tmp_path: Path) -> None:
    out = _console(tmp_path, NEW_YORK, "/time +3d", now="2026-12-06T11:00")
    days = [line for line in out.splitlines() if line.startswith("— ")]
    assert days == ["— Mon 7 Dec —", "— Tue 8 Dec —"]  # Wednesday's post is at 14:00 UTC
    reveal = out.index("(#study, in the thread of “Question of the day:")
    assert out.index("— Mon 7 Dec —") < out.index("┌ Question of the day:") < reveal
    assert out.index("— Tue 8 Dec —") < reveal


def test_a_jump_with_nothing_scheduled_says_so(tmp_path: Path) -> None:
    out = _console(tmp_path, "/time +3h")
    assert "Nothing was scheduled on the way." in out
    assert "It is now 2026-11-26 13:00 UTC." in out


def test_a_brief_jump_shows_one_line_a_post_and_keeps_its_buttons(tmp_path: Path) -> None:
    out = _console(tmp_path, NEW_YORK, "/time +3d brief", "/as bob", now="2026-12-06T11:00")
    assert "— Mon 7 Dec —\n  #study · Question of the day: " in out
    assert "(5 buttons: /show)" in out
    assert "  #study, thread · What a strong answer covers: " in out
    assert "┌ Question of the day:" not in out  # no whole cards on a brief jump
    assert "#study · Question of the day: Two Sum: [6] Answer" in out  # bob can still press it


def test_a_time_step_with_an_unknown_word_says_how_to_move_the_clock(tmp_path: Path) -> None:
    out = _console(tmp_path, "/time +1d loudly")
    assert "(add `brief` for one line a message)" in out
    assert "It is now" not in out
