"""The interviewer packet places an answer by level: the interviewee's and the next one up."""

from __future__ import annotations

import pytest

from bot.features.mock.cards import Person, packet
from bot.storage.tables import Question
from tests.features.mock.flow import card_text

ANCHORS = {
    "mle1": "Names one concrete fix they made and a number that moved.",
    "mle2": "Owns a fix across two teams and says what they traded off.",
    "senior": "Changes how several teams work and measures it for a quarter.",
    "principal": "Sets a mechanism the whole org adopts and retires the old way.",
}


def _packet(level: str, anchors: dict[str, str] | None = ANCHORS) -> str:
    data = {"prompt": "Tell me about a time you fixed something that was not yours."}
    question = Question(
        id="lp-x",
        category="leadership",
        difficulty="medium",
        title="Beyond your role",
        data=data | ({"level_anchors": anchors} if anchors else {}),
    )
    bob = Person(2, "bob", "Bob", "UTC", "bar_raiser", level)
    return card_text(packet(bob, question))


@pytest.mark.parametrize(
    ("level", "theirs", "above"),
    [
        ("mle1", "At MLE I (their level), an answer shows", "At MLE II, an answer shows"),
        ("mle2", "At MLE II (their level), an answer shows", "At Senior, an answer shows"),
        ("senior", "At Senior (their level), an answer shows", "At Principal, an answer shows"),
    ],
)
def test_the_packet_shows_the_interviewees_level_and_the_next_one(
    level: str, theirs: str, above: str
) -> None:
    shown = _packet(level)
    assert theirs in shown
    assert above in shown


def test_a_principal_packet_shows_only_its_own_level() -> None:
    shown = _packet("principal")
    assert ANCHORS["principal"] in shown
    assert ANCHORS["senior"] not in shown


def test_a_question_without_anchors_shows_no_level_lines() -> None:
    assert "an answer shows" not in _packet("mle2", anchors=None)
