"""A member keeps at most the community's cap of live stories; the 51st is refused kindly."""

from __future__ import annotations

import pytest

from bot.app.registry import UserError
from bot.features.story.form import encode
from bot.features.story.handlers import NewOptions, new_story, save_new
from tests.features.story.fakes import story_uow, write
from tests.features.story.flow import GOOD

FULL = (
    "You have 50 stories, the most one member can keep here. To write a new one, delete one "
    "you no longer need with `/story delete story:<number>` (`/story mine` lists them), or "
    "improve an old one with `/story edit story:<number>`. Nothing of yours was changed."
)


def test_the_fiftieth_story_is_saved_and_the_fifty_first_form_is_not_opened() -> None:
    uow, store = story_uow()
    for _ in range(50):
        write(uow, "u1")
    assert len(store.stories_of(uow.ctx("u1").member_id)) == 50
    with pytest.raises(UserError) as refused:
        new_story(uow.ctx("u1"), NewOptions(principle="ownership"))
    assert refused.value.text == FULL


def test_a_form_sent_past_the_cap_is_handed_back_and_nothing_is_saved() -> None:
    uow, store = story_uow()
    for _ in range(50):
        write(uow, "u1")
    reply = save_new(uow.ctx("u1"), encode(("ownership",)), {**GOOD, "title": "One more"})
    texts = [str(m.card.text) for m in reply.messages]
    assert texts[0] == FULL + " Your story is below, to copy."
    assert GOOD["action"][:40] in "".join(texts)
    assert len(store.stories_of(uow.ctx("u1").member_id)) == 50


def test_another_member_is_not_held_back_by_a_full_member() -> None:
    uow, _ = story_uow()
    for _ in range(50):
        write(uow, "u1")
    assert "saved" in str(write(uow, "u2").messages[0].card.title)


def test_deleting_a_story_makes_room_for_a_new_one() -> None:
    uow, store = story_uow()
    for _ in range(50):
        write(uow, "u1")
    first = store.stories_of(uow.ctx("u1").member_id)[0]
    first.deleted_at = first.created_at
    opened = new_story(uow.ctx("u1"), NewOptions(principle="ownership"))
    assert opened.modal is not None
