"""What /practice offers, without a database: what is due, else something new, else what's next."""

from __future__ import annotations

from datetime import date

from bot.app.registry import NoOptions
from bot.core.cards import Reply, plain
from bot.features.practice.handlers import practice
from bot.features.practice.store import PracticeStore
from bot.features.practice.tables import ReviewState
from bot.storage.tables import Question
from tests.fakes import FakeUnitOfWork
from tests.features.practice.fakes import FakePracticeStore, question
from tests.replies import reply_text

ANN = 1  # the first member a FakeUnitOfWork meets


def _rated(store: FakePracticeStore, qid: str, due: str, rating: str = "partial") -> None:
    store.add_review(
        ReviewState(
            community_id=store.community_id,
            member_id=ANN,
            question_id=qid,
            rating=rating,
            interval_days=3,
            due=date.fromisoformat(due),
        )
    )


def _offered(store: FakePracticeStore) -> Reply:
    return practice(FakeUnitOfWork((PracticeStore, store)).ctx("ann"), NoOptions())


def _title(reply: Reply) -> str:
    return plain(reply.messages[0].card.title)


def _bank(*qids: str, retired: tuple[str, ...] = ()) -> list[Question]:
    return [question(q, f"Title {q}", retired=q in retired) for q in qids]


def test_the_review_overdue_longest_comes_first() -> None:
    store = FakePracticeStore(_bank("q1", "q2", "q3"))
    _rated(store, "q1", "2026-11-30")
    _rated(store, "q2", "2026-11-20", rating="missed")
    reply = _offered(store)
    assert _title(reply) == "Practice: Title q2"
    assert "Why this one: due for review (last time: Missed)" in reply_text(reply)


def test_a_review_not_yet_due_waits_and_a_question_new_to_the_member_comes_instead() -> None:
    store = FakePracticeStore(_bank("q1", "q2", "q3"), answered={ANN: {"q2"}})
    _rated(store, "q1", "2026-12-05")
    reply = _offered(store)
    assert _title(reply) == "Practice: Title q3"  # q1 is rated, q2 was answered as a daily
    assert "Why this one: new to you" in reply_text(reply)


def test_a_retired_overdue_question_is_passed_over() -> None:
    store = FakePracticeStore(_bank("q1", "q2", retired=("q1",)))
    _rated(store, "q1", "2026-11-30")
    assert _title(_offered(store)) == "Practice: Title q2"


def test_when_every_question_was_seen_the_one_coming_due_first_is_offered() -> None:
    store = FakePracticeStore(_bank("q1", "q2"))
    _rated(store, "q1", "2026-12-09")
    _rated(store, "q2", "2026-12-04")
    reply = _offered(store)
    assert _title(reply) == "Practice: Title q2"
    assert "Why this one: coming due on 2026-12-04" in reply_text(reply)


def test_an_empty_bank_says_there_is_nothing_to_practise() -> None:
    said = reply_text(_offered(FakePracticeStore()))
    assert "The question bank is empty, so there is nothing to practise yet." in said
