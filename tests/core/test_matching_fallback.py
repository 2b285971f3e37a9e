"""The wait limit: once either has waited it, a past partner or other hours will do."""

from __future__ import annotations

import pytest

from bot.core.matching import best_fallback, hours_to_fallback, next_fallback
from tests.core.test_matching import MORNINGS, seeker

PAST = frozenset({2})


@pytest.mark.parametrize(
    ("new_waited", "other_waited", "hours"),
    [(0, 0, 24.0), (0, 20, 4.0), (5, 1, 19.0), (0, 24, 0.0), (30, 0, 0.0)],
)
def test_a_pair_falls_back_when_either_member_has_waited_the_limit(
    new_waited: float, other_waited: float, hours: float
) -> None:
    new = seeker(1, recent=PAST, waited_hours=new_waited)
    other = seeker(2, waited_hours=other_waited)
    assert hours_to_fallback(new, other, 24) == hours


def test_members_of_other_roles_never_fall_back_to_each_other() -> None:
    new = seeker(1, waited_hours=100)
    assert hours_to_fallback(new, seeker(2, role="SDE"), 24) == float("inf")
    assert best_fallback(new, [seeker(2, role="SDE")], 24) is None
    assert next_fallback(seeker(1), [seeker(2, role="SDE")], 24) is None


def test_before_the_limit_a_past_partner_is_not_a_fallback() -> None:
    assert best_fallback(seeker(1, recent=PAST), [seeker(2, waited_hours=23)], 24) is None


@pytest.mark.parametrize(
    "other",
    [seeker(2, waited_hours=24), seeker(3, slots=MORNINGS, waited_hours=30)],
)
def test_after_the_limit_a_past_partner_or_other_hours_will_do(other: object) -> None:
    assert best_fallback(seeker(1, recent=PAST), [other], 24) == other  # type: ignore[list-item]


def test_the_next_fallback_is_the_earliest_partner_and_when() -> None:
    waiting = [seeker(2, waited_hours=4), seeker(3, slots=MORNINGS, waited_hours=10)]
    assert next_fallback(seeker(1, recent=PAST), waiting, 24) == (14.0, waiting[1])
