"""A mock round's plan: pairs, trios and who waits."""

from __future__ import annotations

from bot.core.matching import Seeker
from bot.core.mock_plan import Leftover, interview_order, plan_round

HOURS = (1 << 8) - 1


def seeker(key: int, role: str = "MLE", waited: float = 0.0) -> Seeker:
    return Seeker(key, key, role, 1, "onsite_coding", HOURS, waited_hours=waited)


def test_an_even_round_is_all_pairs() -> None:
    plan = plan_round([seeker(k) for k in range(4)], seed=1)
    assert len(plan.pairs) == 2
    assert plan.trios == ()
    assert plan.leftovers == ()


def test_an_odd_member_out_joins_a_trio_by_default() -> None:
    plan = plan_round([seeker(k) for k in range(5)], seed=1)
    assert len(plan.pairs) == 1
    assert len(plan.trios) == 1
    assert sorted(k for group in (*plan.pairs, *plan.trios) for k in group) == [0, 1, 2, 3, 4]


def test_an_odd_member_out_keeps_first_priority_when_the_community_prefers() -> None:
    plan = plan_round([seeker(k) for k in range(3)], seed=1, odd="wait")
    assert len(plan.pairs) == 1
    assert plan.leftovers == (Leftover(next(k for k in range(3) if k not in plan.pairs[0]), False),)


def test_the_only_member_of_a_role_is_told_they_are_alone() -> None:
    plan = plan_round([seeker(1), seeker(2), seeker(3, role="SDE")], seed=1)
    assert plan.pairs in (((1, 2),), ((2, 1),))
    assert plan.leftovers == (Leftover(3, True),)


def test_whoever_waited_longer_is_interviewed_first() -> None:
    plan = plan_round([seeker(1, waited=1), seeker(2, waited=30)], seed=1)
    interviewer, interviewee = interview_order(plan.pairs[0])[0]
    assert (interviewer, interviewee) == (1, 2)


def test_a_trio_is_a_cycle() -> None:
    assert interview_order((1, 2, 3)) == [(1, 2), (2, 3), (3, 1)]
    assert interview_order((1, 2)) == [(1, 2), (2, 1)]
