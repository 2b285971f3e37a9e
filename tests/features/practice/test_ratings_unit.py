"""Self-ratings without a database: a re-press replaces the rating, it never compounds."""

from __future__ import annotations

import pytest

from bot.app.registry import UserError
from bot.core.cards import plain
from bot.features.practice.handlers import practice_rate
from bot.features.practice.store import PracticeStore
from bot.features.prep.store import PrepStore
from tests.fakes import FakeUnitOfWork
from tests.features.practice.fakes import FakePracticeStore, question
from tests.features.prep.fakes import FakePrepStore
from tests.replies import reply_text


def _uow() -> tuple[FakeUnitOfWork, FakePracticeStore]:
    store = FakePracticeStore([question("q1", "Two sum")])
    return FakeUnitOfWork((PracticeStore, store), (PrepStore, FakePrepStore())), store


def test_pressing_nailed_three_times_keeps_one_review_due_in_21_days() -> None:
    uow, store = _uow()
    said = [reply_text(practice_rate(uow.ctx("ann"), "q1:nailed")) for _ in range(3)]
    assert all("Rated **Nailed it**. It comes back in /practice in 21 days." in s for s in said)
    [state] = store.reviews
    assert (state.rating, state.interval_days, state.reviews) == ("nailed", 21, 1)
    assert state.due.isoformat() == "2026-12-22"


@pytest.mark.parametrize(
    ("first", "then", "expected", "days"),
    [
        ("nailed", "missed", "tomorrow", 1),
        ("missed", "nailed", "in 21 days", 21),
        ("partial", "nailed", "in 21 days", 21),
        ("nailed", "partial", "in 3 days", 3),
    ],
)
def test_another_rating_before_the_question_comes_back_replaces_the_first(
    first: str, then: str, expected: str, days: int
) -> None:
    uow, store = _uow()
    practice_rate(uow.ctx("ann"), f"q1:{first}")
    said = reply_text(practice_rate(uow.ctx("ann"), f"q1:{then}"))
    assert f"It comes back in /practice {expected}." in said
    [state] = store.reviews
    assert (state.rating, state.interval_days, state.reviews) == (then, days, 1)


def test_a_rating_once_the_question_came_back_grows_the_interval_once() -> None:
    uow, store = _uow()
    practice_rate(uow.ctx("ann"), "q1:nailed")
    uow.clock.advance(days=21)
    assert "in 52 days" in reply_text(practice_rate(uow.ctx("ann"), "q1:nailed"))
    assert "in 52 days" in reply_text(practice_rate(uow.ctx("ann"), "q1:nailed"))
    [state] = store.reviews
    assert (state.interval_days, state.prior_interval, state.reviews) == (52, 21, 2)


def test_each_member_rates_for_themselves() -> None:
    uow, store = _uow()
    practice_rate(uow.ctx("ann"), "q1:nailed")
    practice_rate(uow.ctx("bob"), "q1:missed")
    assert sorted((s.member_id, s.rating) for s in store.reviews) == [(1, "nailed"), (2, "missed")]


@pytest.mark.parametrize(
    ("value", "refusal"),
    [
        ("q1:brilliant", "That button no longer works. Run /practice again."),
        ("gone:nailed", "That question is no longer in the bank. Try /practice for another."),
    ],
)
def test_a_stale_rating_button_is_refused_and_changes_nothing(value: str, refusal: str) -> None:
    uow, store = _uow()
    with pytest.raises(UserError) as refused:
        practice_rate(uow.ctx("ann"), value)
    assert plain(refused.value.text) == refusal
    assert store.reviews == []
