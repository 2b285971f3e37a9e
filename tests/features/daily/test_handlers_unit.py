"""Today's question and skipping it, without a database."""

from __future__ import annotations

import pytest

from bot.app.registry import NoOptions, UserError
from bot.core.cards import plain
from bot.features.daily.handlers import show_today, skip_today
from bot.features.daily.store import DailyStore
from bot.features.daily.tables import Answer
from tests.fakes import FakeUnitOfWork
from tests.features.daily.fakes import FakeDailyStore
from tests.features.practice.fakes import question
from tests.replies import reply_text


def _uow() -> tuple[FakeUnitOfWork, FakeDailyStore]:
    store = FakeDailyStore([question("q1", "Two sum"), question("q2", "LRU cache")])
    return FakeUnitOfWork((DailyStore, store)), store


def test_every_member_sees_the_same_question_today_and_one_post_is_claimed() -> None:
    uow, store = _uow()
    first = show_today(uow.ctx("ann"), NoOptions())
    second = show_today(uow.ctx("bob"), NoOptions())
    assert first.messages[0].card.title == second.messages[0].card.title
    assert len(store.posts) == 1


def test_skipping_an_unanswered_question_swaps_it_for_another() -> None:
    uow, store = _uow()
    show_today(uow.ctx("ann"), NoOptions())
    [post] = store.posts.values()
    old = post.question_id
    said = reply_text(skip_today(uow.ctx("boss", admin=True), NoOptions()))
    assert post.question_id != old
    new_title = store.questions[post.question_id].title
    assert f"Skipped. Today's question is now **{new_title}**." in said


def test_an_answered_question_is_not_skipped() -> None:
    uow, store = _uow()
    show_today(uow.ctx("ann"), NoOptions())
    [post] = store.posts.values()
    store.add_answer(Answer(post_id=post.id or 0, member_id=1, text="hash map"))
    old = post.question_id
    with pytest.raises(UserError) as refused:
        skip_today(uow.ctx("boss", admin=True), NoOptions())
    assert plain(refused.value.text) == (
        "Members have already answered today's question, so it stays."
    )
    assert post.question_id == old


def test_an_empty_bank_tells_how_to_load_it() -> None:
    uow = FakeUnitOfWork((DailyStore, FakeDailyStore()))
    with pytest.raises(UserError) as refused:
        show_today(uow.ctx("ann"), NoOptions())
    assert plain(refused.value.text) == (
        "The question bank is empty. An admin can load it with `preploop content sync`."
    )
