from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from bot.core.calendar import Calendar, DayFocus, Pause, Week, cycle_weeks, day_label, local_moment

WEEK = Week(
    "Basics",
    {"mon": DayFocus("coding", "easy"), "sat": DayFocus("coding", mock_round="phone_screen")},
)


def _calendar(weeks: int = 2, tz: str = "Europe/Berlin") -> Calendar:
    return Calendar(date(2026, 3, 23), (WEEK,) * weeks, time(9, 0), tz)


def test_the_sprint_ends_on_the_last_day_of_its_last_week() -> None:
    assert _calendar(2).end == date(2026, 4, 5)


def test_a_day_takes_the_plan_of_its_weekday_and_week() -> None:
    cal = _calendar(2)
    assert cal.focus_on(date(2026, 3, 30)) == DayFocus("coding", "easy")
    assert cal.focus_on(date(2026, 3, 24)) is None  # Tuesday: nothing planned
    assert cal.focus_on(date(2026, 4, 6)) is None  # after the sprint


def test_the_local_post_time_is_kept_across_a_dst_change() -> None:
    cal = _calendar(2)
    before = cal.post_at(date(2026, 3, 28))  # CET, UTC+1
    after = cal.post_at(date(2026, 3, 30))  # CEST, UTC+2
    assert before == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)
    assert after == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def test_a_time_inside_the_spring_forward_gap_moves_to_after_the_gap() -> None:
    moment = local_moment(date(2026, 3, 29), time(2, 30), "Europe/Berlin")
    assert moment == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST


def test_a_template_is_cut_or_extended_with_its_hardest_week() -> None:
    easy, hard = Week("easy", {}), Week("hard", {})
    assert cycle_weeks((easy, hard), 1) == (easy,)
    assert cycle_weeks((easy, hard), 4) == (easy, hard, hard, hard)


# The sprint starts Monday 23 March; a pause held back Saturday 28 and Sunday 29.
HELD = Pause(date(2026, 3, 28), 2)


@pytest.mark.parametrize(
    ("day", "planned"),
    [
        (date(2026, 3, 27), date(2026, 3, 27)),  # before the pause: as planned
        (date(2026, 3, 28), None),  # held back
        (date(2026, 3, 30), date(2026, 3, 28)),  # Monday continues with Saturday's plan
        (date(2026, 4, 7), date(2026, 4, 5)),  # the last plan day, two days later
    ],
)
def test_a_pause_holds_the_plan_back_by_its_days(day: date, planned: date | None) -> None:
    assert replace(_calendar(2), pauses=(HELD,)).plan_day(day) == planned


def test_the_day_after_a_pause_has_the_plan_of_the_day_it_stopped_at() -> None:
    cal = replace(_calendar(2), pauses=(HELD,))
    assert cal.focus_on(date(2026, 3, 30)) == DayFocus("coding", mock_round="phone_screen")


def test_a_pause_moves_the_end_by_its_days() -> None:
    assert replace(_calendar(2), pauses=(HELD,)).end == date(2026, 4, 7)


def test_a_running_pause_posts_nothing_from_its_first_day() -> None:
    cal = replace(_calendar(2), pauses=(Pause(date(2026, 3, 28)),))
    assert [cal.focus_on(date(2026, 3, 28)), cal.focus_on(date(2026, 4, 4))] == [None, None]


def test_a_day_is_labelled_as_members_read_it() -> None:
    assert day_label(date(2026, 12, 18)) == "Fri 18 Dec"
