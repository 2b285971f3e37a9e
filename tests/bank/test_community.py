"""A community's own questions: ids that never collide, and the shipped bank's field rules."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from bot.bank.community import CommunityQuestion, friendly, question_id, slug_for, slug_of
from bot.content import ID_PATTERN
from bot.content import Question as ShippedQuestion

GOOD = {
    "id": "calibration",
    "category": "applied_ml",
    "rounds": ["ml_depth"],
    "difficulty": "medium",
    "title": "Calibrating a churn model",
    "prompt": "How do you check and fix the calibration of a churn classifier?",
    "hints": ["Compare predicted and observed rates"],
    "strong_answer": ["A reliability diagram", "Isotonic regression on held-out data", "AUC kept"],
}


def test_no_shipped_id_can_be_a_community_question_id() -> None:
    stored = question_id(12, "two-sum")
    assert stored == "c12.two-sum" and slug_of(stored) == "two-sum"
    assert re.match(ID_PATTERN, stored) is None
    assert question_id(12, "two-sum") != question_id(1, "2-two-sum")


def test_a_new_id_comes_from_the_title_and_is_never_taken() -> None:
    assert slug_for("Two Sum, again!", ()) == "two-sum-again"
    assert slug_for("Two sum", {"two-sum", "two-sum-2"}) == "two-sum-3"
    assert slug_for("¿¡!", ()) == "question"


@pytest.mark.parametrize("name", ["title", "prompt", "strong_answer"])
def test_lengths_and_counts_are_the_shipped_banks(name: str) -> None:
    ours = CommunityQuestion.model_fields[name].metadata
    assert ours == ShippedQuestion.model_fields[name].metadata


@pytest.mark.parametrize(
    ("change", "told"),
    [
        ({"title": "x" * 121}, "Keep the title to 120 characters."),
        ({"hints": ["one nudge here"] * 4}, "Give at most 3 of the hints, one a line."),
        ({"hints": ["ok"]}, "Empty or very short entries in: hints."),
        ({"rounds": []}, "Give at least 1 of the rounds, one a line."),
    ],
)
def test_problems_read_as_sentences(change: dict[str, object], told: str) -> None:
    with pytest.raises(ValidationError) as error:
        CommunityQuestion.model_validate(GOOD | change)
    assert told in friendly(error.value)
