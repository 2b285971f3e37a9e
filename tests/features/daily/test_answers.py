"""Answering the daily question through the hub, on a real SQLite database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, func, select

from bot.app.hub import Hub
from bot.core.cards import Reply, plain
from bot.features.daily.api import answers_between
from bot.features.daily.tables import Answer
from bot.features.leaderboard.tables import LedgerEntry
from tests.conftest import actor
from tests.fakes import FakeClock


def _text(reply: Reply) -> str:
    return "\n".join(plain(m.card.title) + "\n" + plain(m.card.text) for m in reply.messages)


def _answer(hub: Hub, who: str, text: str, community: str = "g1") -> Reply:
    shown = hub.command_text(actor(who, community=community), "question", "")
    answer_button = shown.messages[0].card.buttons[0]
    opened = hub.press(actor(who, community=community), answer_button.action, answer_button.value)
    assert opened.modal is not None
    return hub.submit(
        actor(who, community=community), opened.modal.action, opened.modal.value, {"answer": text}
    )


def test_answering_awards_points_once_and_a_second_answer_updates(hub: Hub) -> None:
    assert "+10 points" in _text(_answer(hub, "u1", "Use a dictionary of complements."))
    again = _text(_answer(hub, "u1", "One pass with a hash map."))
    assert "Updated your answer" in again
    assert "points" not in again
    with Session(hub.engine) as session:
        answers = session.exec(select(Answer)).all()
        total = session.exec(select(func.sum(LedgerEntry.points))).one()
    assert [a.text for a in answers] == ["One pass with a hash map."]
    assert total == 10


def test_an_answer_counts_in_the_week_of_the_communitys_clock_not_the_machines(
    hub: Hub, clock: FakeClock
) -> None:
    """The console's /time (or a test's clock) decides which week an answer falls in.

    Answers once took the machine's time: after `/time` into a new week, the digest counted
    an answer made that Monday morning as last week's.
    """
    clock.set(datetime(2027, 3, 1, 8, 30, tzinfo=UTC))  # a Monday, months from the real date
    _answer(hub, "u1", "Sort, then sweep once.")
    monday = datetime(2027, 3, 1, tzinfo=UTC)
    with Session(hub.engine) as session:
        member_id = session.exec(select(Answer.member_id)).one()
        this_week = answers_between(session, member_id, monday, monday + timedelta(days=7))
        last_week = answers_between(session, member_id, monday - timedelta(days=7), monday)
    assert (this_week, last_week) == (1, 0)


def test_an_answer_over_the_limit_is_refused_and_nothing_is_lost(hub: Hub) -> None:
    _answer(hub, "u1", "My first answer.")
    refused = _text(_answer(hub, "u1", "x" * 3001))
    assert "3,001 characters; the limit is 3,000" in refused
    with Session(hub.engine) as session:
        assert [a.text for a in session.exec(select(Answer))] == ["My first answer."]


def test_an_empty_answer_is_refused(hub: Hub) -> None:
    assert "Your answer is empty" in _text(_answer(hub, "u1", "   "))


def test_member_text_is_echoed_as_member_text_never_as_markup(hub: Hub) -> None:
    reply = _answer(hub, "u1", "@everyone <!channel> **loud**")
    echo = reply.messages[0].card.text
    assert not isinstance(echo, str)
    assert any(type(part).__name__ == "UserText" and "@everyone" in part for part in echo.parts)
