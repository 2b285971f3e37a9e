"""The same question asked in other words is caught; distinct questions are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content import Bank, Case, Question, load_bank
from bot.similarity import (
    CONCEPTS,
    SAME_QUESTION_THRESHOLD,
    Pair,
    meaning_words,
    same_questions,
    scored_pairs,
    signature_shape,
)

MERGED = Path(__file__).resolve().parent / "data" / "merged_pairs.yaml"


def _merged_questions() -> list[Question]:
    raw = yaml.safe_load(MERGED.read_text(encoding="utf-8"))["questions"]
    return [Question.model_validate(item) for item in raw]


# (retired, kept): the order of tests/data/merged_pairs.yaml
MERGED_PAIRS = [
    ("design-moving-average", "ml-trailing-moving-average"),
    ("ml-cosine-top-k-retrieval", "heap-k-nearest-embeddings"),
    ("ml-depth-labeling-budget-active-learning", "design-active-learning-labeling"),
    ("lp-disagreed-with-a-leader-on-launch", "lp-refused-to-sign-off-under-pressure"),
    ("lp-short-term-revenue-vs-shopper", "lp-metric-win-customer-loss"),
]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def live_pairs(bank: Bank) -> dict[tuple[str, str], Pair]:
    return {(pair.left, pair.right): pair for pair in scored_pairs(bank.questions.values())}


@pytest.fixture(scope="module")
def bank_before_the_merges(bank: Bank) -> list[Pair]:
    """The flagged pairs of the live bank with each merged pair put back as it stood."""
    merged = _merged_questions()
    kept = {question.id for question in merged}
    live = [q for qid, q in bank.questions.items() if qid not in kept]
    return same_questions([*live, *merged])


def _key(left: str, right: str) -> tuple[str, str]:
    return (left, right) if left < right else (right, left)


def test_the_fixture_holds_the_five_merged_pairs_in_order() -> None:
    ids = [question.id for question in _merged_questions()]
    assert ids == [qid for pair in MERGED_PAIRS for qid in pair]


@pytest.mark.parametrize(("retired", "kept"), MERGED_PAIRS)
def test_each_pair_issue_18_merged_is_caught_as_it_stood_before_the_merge(
    bank_before_the_merges: list[Pair], retired: str, kept: str
) -> None:
    flagged = {(pair.left, pair.right) for pair in bank_before_the_merges}
    assert _key(retired, kept) in flagged


def test_putting_the_merged_pairs_back_flags_nothing_else(
    bank_before_the_merges: list[Pair],
) -> None:
    expected = {_key(retired, kept) for retired, kept in MERGED_PAIRS}
    assert {(pair.left, pair.right) for pair in bank_before_the_merges} == expected


def test_the_live_bank_has_no_question_asked_twice(
    live_pairs: dict[tuple[str, str], Pair],
) -> None:
    flagged = [p.message() for p in live_pairs.values() if p.score >= SAME_QUESTION_THRESHOLD]
    assert flagged == []


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("design-lfu-cache", "lru-cache"),  # one class shape; evicts by use count, not by age
        ("ml-depth-ann-filters-and-freshness", "ml-depth-ann-index-tradeoffs"),
        ("deploy-canary-rollout", "deploy-canary-sizing"),
        ("tree-diameter", "tree-max-path-sum"),  # one shape and many shared tree inputs
    ],
)
def test_distinct_questions_on_one_subject_are_not_flagged(
    live_pairs: dict[tuple[str, str], Pair], left: str, right: str
) -> None:
    assert live_pairs[_key(left, right)].score < SAME_QUESTION_THRESHOLD


def _gift_card_pair(two_sum: Question, tests: list[Case], entry: str = "two_sum") -> Question:
    """Two Sum told as another story in other words, with the given cases and entry point."""
    assert two_sum.solution is not None
    solution = two_sum.solution.model_copy(
        update={
            "tests": tests,
            "entry": entry,
            "signature": two_sum.solution.signature.replace("two_sum", entry),
        }
    )
    return two_sum.model_copy(
        update={
            "id": "gift-card-pair",
            "title": "Spend a gift card exactly",
            "prompt": "A card is worth `target`; the basket's prices are `nums`. Which two "
            "items spend the card to the cent? Give their places, smaller first.",
            "hints": ["Think of each price's partner.", "Remember prices seen.", "Order."],
            "follow_ups": ["Three items instead of two?"],
            "strong_answer": [
                "Looks up each partner price in a dictionary of earlier prices.",
                "Linear in the basket's size.",
                "Handles a price that appears twice.",
            ],
            "solution": solution,
        }
    )


_OWN_CASES = [
    Case(args=[[7, 2, 9], 11], expected=[1, 2]),
    Case(args=[[1, 30, 40], 70], expected=[1, 2]),
    Case(args=[[3, 3], 6], expected=[0, 1]),
    Case(args=[[10, -4, 8], 4], expected=[1, 2]),
    Case(args=[[5, 0, 0], 0], expected=[1, 2]),
]


def test_a_coding_question_with_the_same_entry_point_and_a_shared_case_is_flagged(
    bank: Bank,
) -> None:
    two_sum = bank.questions["two-sum"]
    assert two_sum.solution is not None
    copy = _gift_card_pair(two_sum, [two_sum.solution.tests[0], *_OWN_CASES])
    (pair,) = same_questions([*bank.questions.values(), copy])
    assert (pair.left, pair.right) == ("gift-card-pair", "two-sum")
    assert any("same entry point 'two_sum' and 1 identical" in reason for reason in pair.reasons)


def test_the_same_exercise_in_other_words_with_its_own_cases_is_not_flagged_by_the_cases(
    bank: Bank,
) -> None:
    copy = _gift_card_pair(bank.questions["two-sum"], _OWN_CASES)
    flagged = same_questions([*bank.questions.values(), copy])
    assert not any("identical" in reason for pair in flagged for reason in pair.reasons)


def test_a_renamed_entry_point_with_the_same_shape_and_most_cases_is_flagged(
    bank: Bank,
) -> None:
    two_sum = bank.questions["two-sum"]
    assert two_sum.solution is not None
    copy = _gift_card_pair(two_sum, [*two_sum.solution.tests[:5], *_OWN_CASES], "card_pair")
    (pair,) = same_questions([*bank.questions.values(), copy])
    assert (pair.left, pair.right) == ("gift-card-pair", "two-sum")
    assert any("same signature shape and 5 of" in reason for reason in pair.reasons)


def test_questions_of_different_category_groups_are_never_compared(bank: Bank) -> None:
    lp = bank.questions["lp-metric-win-customer-loss"]
    copy = lp.model_copy(update={"id": "zz-copy", "category": "applied_ml"})
    assert same_questions([lp, copy]) == []
    assert same_questions([lp, copy.model_copy(update={"category": "leadership"})]) != []


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("a rolling mean of orders", "a trailing moving average of orders"),
        ("return the top-k documents", "return the k nearest neighbours"),
        ("cosine similarity of embeddings", "the dot product of embeddings"),
        ("shoppers lose trust", "customers lose trust"),
        ("would not sign off on it", "not ready to launch"),
        ("a labelling budget of 10,000", "a budget of 50,000 human judgements"),
        ("this quarter's revenue went up", "a metric win"),
    ],
)
def test_interview_synonyms_fold_into_one_concept(one: str, other: str) -> None:
    assert set(meaning_words(one)) & set(meaning_words(other)) & set(CONCEPTS)


def test_a_stream_class_has_the_shape_of_the_function_over_its_values() -> None:
    stream, batch = _merged_questions()[:2]
    assert stream.solution is not None and batch.solution is not None
    assert stream.solution.kind == "class" and batch.solution.kind == "function"
    assert signature_shape(stream.solution) == signature_shape(batch.solution)


def test_content_stats_lists_the_most_alike_pairs_under_the_threshold() -> None:
    from bot.cli import render_stats
    from tests.conftest import TEST_CONTENT

    small = load_bank(TEST_CONTENT)
    text = render_stats(small)
    top = scored_pairs(small.questions.values())[0]
    assert f"most alike pairs (reported at {SAME_QUESTION_THRESHOLD:.2f} or above):" in text
    assert f"{top.score:.3f}  {top.left} ~ {top.right}" in text
