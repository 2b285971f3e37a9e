"""Suggest, review, approve or deny: what the member, the admin and the channel see."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, col, select

from bot.app.hub import Hub
from bot.bank.live import forget_question_pool
from bot.core.cards import Visibility
from bot.features.daily.tables import DailyPost
from bot.features.leaderboard.tables import LedgerEntry
from bot.features.mock.store import MockStore
from bot.storage.tables import Question
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.suggestions.flow import (
    ADMIN,
    SUGGESTED,
    approve_oldest,
    button,
    deny_oldest,
    queue,
    suggest,
    text_of,
)


def _retire_shipped(hub: Hub, keep: int = 0) -> None:
    """Retire the shipped bank but its first `keep` questions, so the picker's choice is known."""
    with Session(hub.engine) as session:
        shipped = select(Question).where(col(Question.community_id).is_(None))
        for question in list(session.exec(shipped.order_by(col(Question.id))))[keep:]:
            question.retired = True
        session.commit()
    forget_question_pool()


def _points(hub: Hub, who_id: int) -> int:
    with Session(hub.engine) as session:
        rows = session.exec(select(LedgerEntry).where(LedgerEntry.member_id == who_id))
        return sum(row.points for row in rows)


def test_a_suggestion_waits_privately_for_an_admin(hub: Hub) -> None:
    told = suggest(hub)
    assert told.messages[0].visibility is Visibility.EPHEMERAL
    assert "Thanks! Your question is waiting for review: Calibrating a churn model" in text_of(told)
    shown = text_of(queue(hub))
    assert "Suggested question: Calibrating a churn model" in shown
    assert "Suggested by: U1" in shown
    assert "• Platt scaling or isotonic regression on a held-out set" in shown


def test_the_queue_shows_the_oldest_first_and_how_many_follow(hub: Hub, clock: FakeClock) -> None:
    suggest(hub, "u1")
    clock.advance(minutes=5)
    prompt = (
        "Your fraud model scores far better offline than live; the split was random over two "
        "years of transactions. What leaked, and how do you split instead?"
    )
    later = SUGGESTED | {"title": "Leakage in a time split", "prompt": prompt}
    suggest(hub, "u2", later)
    shown = text_of(queue(hub))
    assert "Calibrating a churn model" in shown and "1 more after this one" in shown
    approve_oldest(hub)
    assert "Leakage in a time split" in text_of(queue(hub))


def test_an_approved_suggestion_is_posted_as_a_question_of_the_day_with_its_credit(
    hub: Hub, clock: FakeClock
) -> None:
    suggest(hub)
    approved = approve_oldest(hub)
    letter = next(m for m in approved.messages if m.visibility is Visibility.DIRECT)
    assert letter.to_member == "u1"
    assert "Your question was approved: Calibrating a churn model" in text_of(approved)
    assert "credited to you. +20 points." in text_of(approved)
    with Session(hub.engine) as session:
        own = session.exec(select(Question.id).where(Question.community_id == 1)).one()
    _retire_shipped(hub)  # only the community's question is left to ask
    posted = hub.command_text(ADMIN, "question", "post-now")
    shown = text_of(posted)
    assert posted.messages[0].visibility is Visibility.CHANNEL
    assert "Question of the day: Calibrating a churn model" in shown
    assert "Suggested by: U1" in shown
    assert own == "c1.calibrating-a-churn-model"


def test_approving_twice_awards_the_points_once(hub: Hub) -> None:
    suggest(hub)
    pressed = button(queue(hub), "Approve")
    hub.press(ADMIN, pressed.action, pressed.value)
    again = hub.press(ADMIN, pressed.action, pressed.value)
    assert "That suggestion was already approved. Nothing changed." in text_of(again)
    assert _points(hub, 1) == 20


def test_a_denied_suggestion_reaches_its_author_with_the_reason(hub: Hub) -> None:
    suggest(hub)
    denied = deny_oldest(hub, "We cover calibration in Tuesday's set already.")
    letter = next(m for m in denied.messages if m.visibility is Visibility.DIRECT)
    assert letter.to_member == "u1"
    shown = text_of(denied)
    assert "Your suggested question was not added: Calibrating a churn model" in shown
    assert "We cover calibration in Tuesday's set already." in shown
    assert "No suggested questions are waiting." in shown
    with Session(hub.engine) as session:
        assert session.exec(select(Question).where(Question.community_id == 1)).all() == []


@pytest.mark.parametrize(
    ("change", "told"),
    [
        ({"title": ""}, "Write at least 3 characters for the title."),
        ({"prompt": "Why?"}, "Write at least 20 characters for the prompt."),
        ({"hints": "one hint a line\n" * 4}, "Give at most 3 of the hints, one a line."),
        (
            {"strong_answer": "- only one point here"},
            "Give at least 3 of what a strong answer covers",
        ),
        ({"hints": ""}, "Give at least 1 of the hints, one a line."),
    ],
)
def test_a_suggestion_is_checked_like_the_bank(hub: Hub, change: dict[str, str], told: str) -> None:
    refused = text_of(suggest(hub, fields=SUGGESTED | change))
    assert told in refused
    assert "Nothing was saved." in refused
    assert "No suggested questions are waiting." in text_of(queue(hub))


def test_a_suggestion_the_bank_already_asks_is_refused_with_its_title(hub: Hub) -> None:
    suggest(hub)
    approve_oldest(hub)
    refused = text_of(suggest(hub, "u2"))
    assert "This asks what the bank already asks in “Calibrating a churn model”" in refused


@pytest.mark.parametrize("command", ["suggestions", "add category:coding difficulty:easy"])
def test_members_cannot_review_or_add(hub: Hub, command: str) -> None:
    refused = hub.command_text(actor("u2"), "question", command)
    assert "admin" in text_of(refused).lower()


@pytest.mark.parametrize("label", ["Approve", "Edit", "Deny"])
def test_members_cannot_press_the_queue_buttons(hub: Hub, label: str) -> None:
    suggest(hub)
    pressed = button(queue(hub), label)
    refused = hub.press(actor("u2"), pressed.action, pressed.value)
    assert "Only community admins can review suggested questions." in text_of(refused)
    assert "Suggested question: Calibrating a churn model" in text_of(queue(hub))


def test_another_community_never_sees_the_question(hub: Hub, clock: FakeClock) -> None:
    suggest(hub)
    approve_oldest(hub)
    other = actor("x1", community="g2", admin=True)
    assert "No suggested questions are waiting." in text_of(
        hub.command_text(other, "question", "suggestions")
    )
    _retire_shipped(hub, keep=1)  # one shipped question against the other community's
    for day in range(1, 6):
        clock.set(datetime(2027, 3, day, 9, 0, tzinfo=UTC))
        hub.command_text(other, "question", "")
    with Session(hub.engine) as session:
        asked = {
            p.question_id
            for p in session.exec(select(DailyPost).where(DailyPost.community_id == 2))
        }
    assert asked and not any(qid.startswith("c1.") for qid in asked)


def test_an_admin_edit_is_kept_and_checked(hub: Hub) -> None:
    suggest(hub)
    pressed = button(queue(hub), "Edit")
    opened = hub.press(ADMIN, pressed.action, pressed.value)
    assert opened.modal is not None
    assert opened.modal.inputs[0].value == "Calibrating a churn model"
    fields = {box.id: box.value for box in opened.modal.inputs} | {
        "title": "Calibrating churn scores"
    }
    shown = text_of(hub.submit(ADMIN, opened.modal.action, opened.modal.value, fields))
    assert "Suggested question: Calibrating churn scores" in shown
    approve_oldest(hub)
    with Session(hub.engine) as session:
        assert (
            session.exec(select(Question.title).where(Question.community_id == 1)).one()
            == "Calibrating churn scores"
        )


def test_mock_packets_keep_to_the_shipped_bank(hub: Hub) -> None:
    suggest(hub)
    approve_oldest(hub)
    with Session(hub.engine) as session:
        pool = {q.id for q in MockStore(session, 1).live_questions()}
    assert pool and not any(qid.startswith("c1.") for qid in pool)
