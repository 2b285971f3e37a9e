from __future__ import annotations

from datetime import date

import pytest

from bot.core.repetition import next_due, next_interval, rating_base


def test_a_missed_question_comes_back_tomorrow_every_time() -> None:
    assert next_interval(None, "missed") == 1
    assert next_interval(40, "missed") == 1


def test_partial_and_nailed_intervals_grow_nailed_much_faster() -> None:
    partial = [3]
    nailed = [21]
    for _ in range(3):
        partial.append(next_interval(partial[-1], "partial"))
        nailed.append(next_interval(nailed[-1], "nailed"))
    assert partial == [3, 5, 8, 13]
    assert nailed == [21, 52, 130, 180]


def test_the_due_date_is_the_interval_after_today() -> None:
    assert next_due(date(2026, 12, 1), None, "partial") == (3, date(2026, 12, 4))


def test_an_unknown_rating_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown rating"):
        next_interval(None, "meh")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 5), (3, False)),  # before it comes back: grow from the earlier interval
        (date(2026, 12, 22), (21, True)),  # on the day it comes back: a new review
        (date(2027, 1, 9), (21, True)),  # overdue: a new review
    ],
)
def test_a_rating_before_the_question_comes_back_grows_from_the_earlier_interval(
    today: date, expected: tuple[int, bool]
) -> None:
    assert rating_base(today, date(2026, 12, 22), 21, 3) == expected
