from __future__ import annotations

import random

from bot.core.rotation import pick_question


def test_an_unused_question_is_picked_before_any_repeat() -> None:
    pool = ["a", "b", "c"]
    picks: list[str] = []
    for day in range(3):
        choice = pick_question(pool, picks, random.Random(day))
        assert choice is not None
        picks.append(choice)
    assert sorted(picks) == pool


def test_once_the_pool_is_used_up_the_least_recently_used_comes_back() -> None:
    assert pick_question(["a", "b", "c"], ["b", "a", "c"], random.Random(0)) == "b"


def test_the_same_seed_gives_the_same_pick() -> None:
    pool = [f"q{i}" for i in range(50)]
    assert pick_question(pool, [], random.Random("x")) == pick_question(
        pool, [], random.Random("x")
    )


def test_an_empty_pool_gives_nothing() -> None:
    assert pick_question([], ["a"], random.Random(0)) is None
