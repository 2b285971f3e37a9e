"""The prep plan's rules over many random plans and histories (hypothesis)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.prep_adapt import Rated, adapt, credit, weakest
from bot.core.prep_plan import DAY_CAP, MAX_DAYS, Item, build_plan, targets, window
from bot.core.vocabulary import LEVELS, ROUNDS

START = date(2026, 12, 3)
rounds_st = st.lists(st.sampled_from(ROUNDS), unique=True, max_size=4).map(tuple)
level_st = st.one_of(st.none(), st.sampled_from(LEVELS))
rated_st = st.builds(
    Rated,
    question_id=st.sampled_from([f"q{i}" for i in range(12)]),
    area=st.sampled_from(["coding", "leadership", "ml_system_design", "applied_ml", "deployment"]),
    rating=st.sampled_from(["nailed", "partial", "missed"]),
    due=st.dates(START, START + timedelta(days=60)),
)


def _shares(items: list[Item]) -> dict[str, float]:
    counts = Counter(i.area for i in items)
    return {area: counts[area] / len(items) for area in counts}


@given(rounds_st, level_st)
def test_every_target_keeps_the_guides_floors_and_adds_up(
    rounds: tuple[str, ...], level: str | None
) -> None:
    share = targets(rounds, level)
    assert share["coding"] >= 0.40 and share["leadership"] >= 0.30
    assert sum(share.values()) == pytest.approx(1.0)


@given(st.integers(14, MAX_DAYS), rounds_st, level_st)
def test_a_plan_of_two_weeks_or_more_keeps_within_5_percent_of_its_targets(
    days: int, rounds: tuple[str, ...], level: str | None
) -> None:
    items = build_plan(START, days, rounds, level)
    assert len(items) == days and len({i.day for i in items}) == days
    share = targets(rounds, level)
    for area, got in _shares(items).items():
        assert abs(got - share[area]) <= 0.05, area
    assert sum(i.kind == "review" for i in items) == 7
    assert sum(i.kind == "mock" for i in items) >= (days - 7) // 7


def _live(
    days: int, rounds: tuple[str, ...], level: str | None, pattern: list[int], ratings: list[Rated]
) -> tuple[list[Item], int, date]:
    """Walk the plan day by day; on each day the member does `pattern[k]` of today's items."""
    items = build_plan(START, days, rounds, level)
    last = START + timedelta(days=days - 1)
    for offset in range(days):
        today = START + timedelta(days=offset)
        items = adapt(items, ratings[: offset + 1], today, last)
        assert max(Counter(i.day for i in items if not i.dropped).values()) <= DAY_CAP
        todo = [i for i in items if i.open and i.day == today]
        for item in todo[: pattern[offset % len(pattern)]]:
            found = credit(items, item.area, f"x{item.seq}", today)
            if item.kind in ("mock", "story"):  # these are marked done with a button
                found = item
            assert found is not None
            items = [replace_done(i, today) if i.seq == found.seq else i for i in items]
    return items, days, last


def replace_done(item: Item, today: date) -> Item:
    from dataclasses import replace

    return replace(item, done=today, rating="partial")


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 60),
    rounds_st,
    level_st,
    st.lists(st.integers(0, 3), min_size=1, max_size=9),
    st.lists(rated_st, max_size=30),
)
def test_living_through_a_random_history_loses_no_item_and_overfills_no_day(
    days: int, rounds: tuple[str, ...], level: str | None, pattern: list[int], ratings: list[Rated]
) -> None:
    items, _, last = _live(days, rounds, level, pattern, ratings)
    assert sorted(i.seq for i in items) == list(range(1, days + 1))  # nothing vanished
    for item in items:
        # every item was done, is still planned by the interview, or is reported as dropped
        assert item.done is not None or item.dropped or item.day <= last
        assert item.day <= last
    if days >= 14:
        share = targets(rounds, level)
        for area, got in _shares(items).items():
            assert abs(got - share[area]) <= 0.05, area


@settings(max_examples=60, deadline=None)
@given(st.integers(8, 60), st.lists(rated_st, min_size=1, max_size=30))
def test_missed_days_fold_forward_at_most_two_extra_a_day(days: int, ratings: list[Rated]) -> None:
    items = build_plan(START, days, (), None)
    last = START + timedelta(days=days - 1)
    today = START + timedelta(days=5)  # five days skipped
    after = adapt(items, ratings, today, last)
    assert [i for i in after if i.day < today and i.open] == []
    assert Counter(i.day for i in after)[today] == 3
    assert sum(i.carried for i in after) == 5


def test_a_weak_area_comes_first_in_the_coming_week() -> None:
    items = build_plan(START, 28, (), None)
    weak = [Rated(f"d{i}", "applied_ml", "missed", START) for i in range(3)]
    after = adapt(items, weak, START, START + timedelta(days=27))
    tomorrow = [i for i in after if i.day == START + timedelta(days=1)]
    assert [i.area for i in tomorrow] == ["applied_ml"]
    assert Counter(i.area for i in after) == Counter(i.area for i in items)


def test_items_that_cannot_fit_before_the_interview_are_reported_as_dropped() -> None:
    items = build_plan(START, 5, (), None)
    after = adapt(items, [], START + timedelta(days=4), START + timedelta(days=4))
    assert sum(i.dropped for i in after) == 2  # 4 missed, the last day takes 2 extra
    assert Counter(i.day for i in after if not i.dropped)[START + timedelta(days=4)] == 3


def test_the_weakest_areas_are_ranked_by_misses_with_partials_counting_half() -> None:
    rated = [
        Rated("a", "coding", "missed", START),
        Rated("b", "coding", "nailed", START),
        Rated("c", "leadership", "partial", START),
        Rated("d", "applied_ml", "missed", START),
        Rated("e", "deployment", "nailed", START),
    ]
    assert [a for a, _, _ in weakest(rated)] == ["applied_ml", "coding", "leadership"]


@pytest.mark.parametrize(
    ("days", "start", "length", "words"),
    [
        (3, START, 3, "only 3 days away"),
        (10, START, 10, "then the last 7 days of review"),
        (30, START, 30, ""),
        (200, START + timedelta(days=200 - MAX_DAYS), MAX_DAYS, "starts on 2027-03-01"),
    ],
)
def test_short_and_long_plans_are_explained(
    days: int, start: date, length: int, words: str
) -> None:
    got = window(START, START + timedelta(days=days))
    assert (got.start, got.days) == (start, length)
    assert words in got.note


def test_a_date_today_or_past_is_refused() -> None:
    with pytest.raises(ValueError, match="after today"):
        window(START, START)
