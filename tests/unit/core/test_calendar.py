from __future__ import annotations

from datetime import UTC, date, datetime, time

from bot.core.calendar import Calendar, DayFocus, Week, cycle_weeks, local_moment

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
