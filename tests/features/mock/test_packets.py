"""Interviewer packets through the hub: the mock's round, its categories and its rubric."""

from __future__ import annotations

import pytest

from bot.app.hub import Hub
from bot.core.mock_rules import rubric_for
from bot.core.vocabulary import ROUND_CATEGORIES, ROUNDS
from tests.features.mock.flow import (
    add_question,
    card_text,
    mock,
    profile,
    request,
    retire_all,
    to,
)


def _decoy_category(round_id: str) -> str:
    """A category the round does not ask, as LP questions list every round they come up in."""
    return "coding" if round_id == "bar_raiser" else "leadership"


@pytest.mark.parametrize("round_id", ROUNDS)
def test_the_packet_asks_a_question_of_the_mocks_round_with_that_rounds_rubric(
    hub: Hub, round_id: str
) -> None:
    retire_all(hub)
    add_question(hub, "decoy", ["bar_raiser", round_id], ["mle2"], _decoy_category(round_id))
    add_question(hub, "right", [round_id], ["mle2"], ROUND_CATEGORIES[round_id][0])
    profile(hub, "u1")
    profile(hub, "u2")
    request(hub, "u1", f"round:{round_id}")
    packet = card_text(to(request(hub, "u2", f"round:{round_id}"), "u1")[1].card)
    rubric = rubric_for(round_id)
    assert "· Question right" in packet
    assert f"You will score ({rubric.name}): {' · '.join(rubric.criteria)}" in packet


def test_a_question_the_partner_has_met_is_never_asked_again(hub: Hub) -> None:
    retire_all(hub)
    add_question(hub, "only", ["ml_system_design"], ["mle2"], "ml_system_design")
    for user in ("u2", "u3", "u4"):
        profile(hub, user)
    request(hub, "u2", "round:ml_system_design")
    request(hub, "u3", "round:ml_system_design")
    mock(hub, "u3", "cancel")
    reply = request(hub, "u4", "round:ml_system_design")
    assert "Question only" in card_text(to(reply, "u2")[1].card)
    packet = card_text(to(reply, "u4")[1].card)
    assert "The question bank has no question for this round that u2 has not met yet" in packet
