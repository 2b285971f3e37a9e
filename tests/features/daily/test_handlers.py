"""The daily question's commands and buttons through the hub, on a real SQLite database."""

from __future__ import annotations

from bot.app.hub import ADMIN_ONLY, Hub
from bot.core.cards import Reply, Visibility, plain
from tests.conftest import actor


def _text(reply: Reply) -> str:
    return "\n".join(plain(m.card.title) + "\n" + plain(m.card.text) for m in reply.messages)


def test_todays_question_is_private_and_the_same_for_every_member(hub: Hub) -> None:
    first = hub.command_text(actor("u1"), "question", "")
    second = hub.command_text(actor("u2"), "question", "")
    assert first.messages[0].visibility is Visibility.EPHEMERAL
    assert first.messages[0].card.title == second.messages[0].card.title
    labels = [b.label for b in first.messages[0].card.buttons]
    assert labels == ["Answer", "Hint", "Nailed it", "Partial", "Missed"]


def test_a_member_cannot_post_the_question_but_an_admin_can(hub: Hub) -> None:
    refused = hub.command_text(actor("u1"), "question", "post-now")
    assert plain(refused.messages[0].card.text) == ADMIN_ONLY
    posted = hub.command_text(actor("boss", admin=True), "question", "post-now")
    assert posted.messages[0].visibility is Visibility.CHANNEL
    assert posted.messages[0].card.title.startswith("Question of the day")


def test_hints_come_one_at_a_time(hub: Hub) -> None:
    shown = hub.command_text(actor("u1"), "question", "")
    hint = shown.messages[0].card.buttons[1]
    first = hub.press(actor("u1"), hint.action, hint.value)
    assert first.messages[0].card.title == "Hint 1 of 2"
    more = first.messages[0].card.buttons[0]
    second = hub.press(actor("u1"), more.action, more.value)
    assert second.messages[0].card.title == "Hint 2 of 2"
    assert second.messages[0].card.buttons == ()


def test_a_button_from_another_community_is_refused(hub: Hub) -> None:
    shown = hub.command_text(actor("u1", community="g1"), "question", "")
    answer = shown.messages[0].card.buttons[0]
    stolen = hub.press(actor("u9", community="g2"), answer.action, answer.value)
    assert stolen.modal is None
    assert "no longer available" in _text(stolen)


def test_a_forged_button_value_gets_a_friendly_message(hub: Hub) -> None:
    assert "no longer works" in _text(hub.press(actor("u1"), "q.answer", "DROP TABLE"))
    assert "no longer works" in _text(hub.press(actor("u1"), "no.such.action", "1"))
