from __future__ import annotations

from datetime import date, timedelta

from bot.core.streaks import Streak, alive, bonus, record_day

MONDAY = date(2026, 11, 30)


def _days(*offsets: int) -> Streak:
    streak = Streak()
    for offset in offsets:
        streak = record_day(streak, MONDAY + timedelta(days=offset))
    return streak


def test_consecutive_days_grow_the_streak() -> None:
    assert _days(0, 1, 2).current == 3


def test_answering_twice_on_one_day_counts_once() -> None:
    assert _days(0, 0, 1).current == 2


def test_one_missed_day_a_week_is_bridged_by_a_freeze() -> None:
    streak = _days(0, 2)
    assert streak.current == 2
    assert streak.freeze_week == "2026-W49"


def test_a_second_missed_day_in_the_same_week_breaks_the_streak() -> None:
    assert _days(0, 2, 4).current == 1


def test_a_new_week_brings_a_new_freeze() -> None:
    assert _days(0, 2, 3, 4, 5, 6, 8).current == 7


def test_two_missed_days_break_the_streak_but_keep_the_best() -> None:
    streak = _days(0, 1, 2, 5)
    assert (streak.current, streak.best) == (1, 3)


def test_a_lapsed_streak_shows_as_zero() -> None:
    streak = _days(0, 1)
    assert alive(streak, MONDAY + timedelta(days=2)) == 2
    assert alive(streak, MONDAY + timedelta(days=3)) == 2  # freeze still available
    assert alive(streak, MONDAY + timedelta(days=4)) == 0


def test_the_bonus_grows_by_two_a_day_and_is_capped() -> None:
    assert [bonus(n) for n in (1, 2, 3, 6, 30)] == [0, 2, 4, 10, 10]
