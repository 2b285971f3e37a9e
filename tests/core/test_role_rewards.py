"""Who should hold a reward's role: streak thresholds, the month's top 3 with ties, the changes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.role_rewards import (
    STREAK,
    TOP3,
    Rule,
    holders,
    last_month,
    plan,
    role_from_text,
    streak_holders,
    top_holders,
)


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ({1: 30, 2: 20, 3: 10, 4: 5}, {1, 2, 3}),
        ({1: 30, 2: 20, 3: 10, 4: 10}, {1, 2, 3, 4}),  # tied at 3rd: both hold it
        ({1: 30, 2: 20, 3: 20, 4: 10}, {1, 2, 3}),  # =2, =2, then #4: no 3rd place
        ({1: 9, 2: 9, 3: 9, 4: 9, 5: 1}, {1, 2, 3, 4}),  # four share 1st
        ({1: 10, 2: 0, 3: -20}, {1}),  # no reward for 0 or less
        ({}, set()),
    ],
)
def test_the_top_3_are_ranked_as_every_board_ranks(
    points: dict[int, int], expected: set[int]
) -> None:
    assert top_holders(points) == expected


@pytest.mark.parametrize(
    ("streaks", "expected"),
    [({1: 7, 2: 6, 3: 30}, {1, 3}), ({1: 1}, set()), ({}, set())],
)
def test_a_streak_rule_goes_to_who_reached_its_days(
    streaks: dict[int, int], expected: set[int]
) -> None:
    assert streak_holders(7, streaks) == expected
    assert holders(Rule(STREAK, 7), streaks, {}) == expected


def test_the_top3_rule_reads_the_month_not_the_streaks() -> None:
    assert holders(Rule(TOP3), {1: 99}, {2: 5}) == {2}


def test_a_plan_gives_to_the_newly_due_and_takes_from_who_no_longer_is() -> None:
    changes = plan(held={1, 2, 3}, due={2, 3, 4})
    assert (changes.give, changes.take) == ({4}, {1})


@given(st.sets(st.integers(0, 20)), st.sets(st.integers(0, 20)))
def test_after_the_plan_exactly_the_due_members_hold_the_role(
    held: set[int], due: set[int]
) -> None:
    changes = plan(held, due)
    assert (held - changes.take) | changes.give == due
    assert not changes.give & held and changes.take <= held


@given(st.dictionaries(st.integers(0, 50), st.integers(-50, 100)))
def test_a_top_3_holder_has_fewer_than_3_members_strictly_ahead(points: dict[int, int]) -> None:
    chosen = top_holders(points)
    for member, score in points.items():
        ahead = sum(other > score for other in points.values())
        assert (member in chosen) == (ahead < 3 and score > 0)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 1), (date(2026, 11, 1), date(2026, 12, 1))),
        (date(2027, 1, 31), (date(2026, 12, 1), date(2027, 1, 1))),
        (date(2026, 3, 15), (date(2026, 2, 1), date(2026, 3, 1))),
    ],
)
def test_the_last_full_month_ends_where_today_s_begins(
    today: date, expected: tuple[date, date]
) -> None:
    assert last_month(today) == expected


def test_a_typed_role_is_its_name_without_the_at_sign() -> None:
    assert role_from_text("  @Streak   7 ").name == "Streak 7"
    assert role_from_text("x" * 300).ref == "x" * 100
