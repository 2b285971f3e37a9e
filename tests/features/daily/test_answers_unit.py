"""Rating the daily question without a database: the answer keeps the latest rating only."""

from __future__ import annotations

from datetime import date

import pytest

from bot.app.registry import UserError
from bot.core.cards import plain
from bot.features.daily.answers import rate_daily
from bot.features.daily.store import DailyStore
from bot.features.daily.tables import Answer
from bot.features.practice.store import PracticeStore
from bot.features.prep.store import PrepStore
from tests.fakes import FakeUnitOfWork
from tests.features.daily.fakes import FakeDailyStore
from tests.features.practice.fakes import FakePracticeStore, question
from tests.features.prep.fakes import FakePrepStore
from tests.replies import reply_text

TODAY = date(2026, 12, 1)


def _uow() -> tuple[FakeUnitOfWork, FakeDailyStore, FakePracticeStore]:
    bank = [question("q1", "Two sum")]
    daily, practice = FakeDailyStore(bank), FakePracticeStore(bank)
    daily.add_post("c1", TODAY, "q1")
    stores = ((DailyStore, daily), (PracticeStore, practice), (PrepStore, FakePrepStore()))
    return FakeUnitOfWork(*stores), daily, practice


def test_rating_the_daily_question_twice_says_the_same_number_of_days() -> None:
    uow, _, practice = _uow()
    said = [reply_text(rate_daily(uow.ctx("ann"), "1:nailed")) for _ in range(2)]
    assert all("It comes back in /practice in 21 days." in text for text in said)
    assert [(s.question_id, s.interval_days, s.reviews) for s in practice.reviews] == [
        ("q1", 21, 1)
    ]


def test_a_second_daily_rating_replaces_the_first_on_the_answer_and_the_review() -> None:
    uow, daily, practice = _uow()
    daily.add_answer(Answer(post_id=1, member_id=1, text="hash map"))
    rate_daily(uow.ctx("ann"), "1:nailed")
    said = reply_text(rate_daily(uow.ctx("ann"), "1:missed"))
    assert "Rated **Missed**. It comes back in /practice tomorrow." in said
    assert daily.answers[0].rating == "missed"
    assert [(s.rating, s.interval_days) for s in practice.reviews] == [("missed", 1)]


@pytest.mark.parametrize(
    ("value", "refusal"),
    [
        ("2:nailed", "That question is no longer available. Try `/question` for today's."),
        ("x:nailed", "That button no longer works. Run the command again."),
        ("1:brilliant", "That button no longer works. Run the command again."),
    ],
)
def test_a_stale_daily_rating_button_is_refused_and_rates_nothing(value: str, refusal: str) -> None:
    uow, daily, practice = _uow()
    daily.add_post("c1", TODAY, "q1", community_id=99)  # post 2 is another community's
    with pytest.raises(UserError) as refused:
        rate_daily(uow.ctx("ann"), value)
    assert plain(refused.value.text) == refusal
    assert practice.reviews == []
