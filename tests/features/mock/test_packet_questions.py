"""The packet question of every round in the bundled bank: that round, its categories, unseen."""

from __future__ import annotations

import pytest

from bot.content import load_bank
from bot.core.vocabulary import ROUND_CATEGORIES, ROUNDS
from bot.features.mock.pairing import pick_for
from bot.storage.tables import Question

BANK = load_bank()
POOL = [
    Question(
        id=q.id, category=q.category, difficulty=q.difficulty, title=q.title, data=q.model_dump()
    )
    for q in BANK.questions.values()
]


@pytest.mark.parametrize("round_id", ROUNDS)
def test_every_packet_question_of_the_bundled_bank_belongs_to_the_round_and_its_rubric(
    round_id: str,
) -> None:
    picked = [pick_for(POOL, round_id, "mle2", set(), set(), seed) for seed in range(60)]
    assert all(q is not None and round_id in q.data["rounds"] for q in picked)
    assert {q.category for q in picked if q} <= set(ROUND_CATEGORIES[round_id])


def test_a_design_packet_never_picks_the_lp_question_that_lists_the_design_round() -> None:
    pushback = next(q for q in POOL if q.title.startswith("Pushing back on an unrealistic"))
    assert "ml_system_design" in pushback.data["rounds"]
    picked = [pick_for(POOL, "ml_system_design", "senior", set(), set(), s) for s in range(200)]
    assert pushback.id not in {q.id for q in picked if q}


def test_when_the_partner_has_seen_every_question_of_the_round_there_is_none() -> None:
    seen = {q.id for q in POOL if "bar_raiser" in q.data["rounds"]}
    assert pick_for(POOL, "bar_raiser", "mle2", seen, set(), 1) is None
