"""The author's Helpful button with no database: bonus points for the reviewer, once."""

from __future__ import annotations

import pytest

from bot.app.registry import NoOptions, UserError
from bot.core.cards import plain
from bot.features.story.feedback import mark_helpful
from bot.features.story.review import request_review, save_review
from tests.fakes import FakeUnitOfWork
from tests.features.story.fakes import story_uow, write
from tests.features.story.flow import COMMENTS


def _reviewed(uow: FakeUnitOfWork) -> str:
    """The author's story reviewed by `rev`; return the value of the notice's Helpful button."""
    write(uow, "author")
    value = request_review(uow.ctx("rev"), NoOptions()).messages[0].card.buttons[0].value
    sent = save_review(uow.ctx("rev"), value, {"scores": "3 4 3 4 3", "comments": COMMENTS})
    return sent.messages[1].card.buttons[0].value


def test_helpful_gives_the_reviewer_bonus_points_once() -> None:
    uow, store = story_uow()
    helpful = _reviewed(uow)
    first = mark_helpful(uow.ctx("author"), helpful)
    assert plain(first.messages[0].card.text) == (
        "Thanks! rev gets +5 points for a helpful review."
    )
    again = mark_helpful(uow.ctx("author"), helpful)
    assert plain(again.messages[0].card.text) == "You already marked this review helpful. Thanks!"
    assert store.points_of(uow.ctx("rev").member_id) == 15


def test_only_the_author_can_mark_a_review_helpful() -> None:
    uow, _ = story_uow()
    helpful = _reviewed(uow)
    with pytest.raises(UserError) as refused:
        mark_helpful(uow.ctx("rev"), helpful)
    assert plain(refused.value.text) == "Only the story's author can mark its review helpful."
