"""The receiver marks mock feedback helpful: +5 to the giver, once however often pressed."""

from __future__ import annotations

from bot.app.hub import Hub
from bot.core.cards import Button
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.mock.flow import STARTS, card_text, done, pair, points, text_of, to


def helpful_of(hub: Hub, giver: str, receiver: str) -> Button:
    """Give feedback and return the Helpful button on the receiver's copy."""
    sent = to(done(hub, giver), receiver)[0].card
    [button] = [b for b in sent.buttons if b.label == "Helpful"]
    return button


def test_helpful_pressed_twice_gives_the_giver_five_points_once(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    clock.set(STARTS)
    button = helpful_of(hub, "u1", "u2")
    before = points(hub, "u1")
    first = hub.press(actor("u2"), button.action, button.value)
    assert text_of(first).startswith("Thanks! u1 is told you found it helpful. They get +5 points.")
    [told] = to(first, "u1")
    assert card_text(told.card) == (
        "Your feedback helped\nu2 found your mock feedback helpful: +5 points. "
        "`/mock history` shows all of it."
    )
    again = hub.press(actor("u2"), button.action, button.value)
    assert text_of(again) == "You already marked this feedback helpful. Thanks!"
    assert to(again, "u1") == []
    assert points(hub, "u1") - before == 5
    assert points(hub, "u1", "mock_feedback_helpful") == 5


def test_only_the_receiver_can_mark_feedback_helpful(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    clock.set(STARTS)
    button = helpful_of(hub, "u1", "u2")
    refused = hub.press(actor("u1"), button.action, button.value)
    assert text_of(refused) == "Only the member who received this feedback can mark it helpful."
    assert hub.press(actor("u2"), button.action, "999").messages[0].card.text == (
        "Only the member who received this feedback can mark it helpful."
    )
    assert points(hub, "u1", "mock_feedback_helpful") == 0


def test_updated_feedback_keeps_its_helpful_mark_and_pays_no_more(
    hub: Hub, clock: FakeClock
) -> None:
    first = pair(hub)
    clock.set(STARTS)
    button = helpful_of(hub, "u1", "u2")
    hub.press(actor("u2"), button.action, button.value)
    give = to(first, "u1")[0].card.buttons[0]
    opened = hub.press(actor("u1"), give.action, give.value)
    assert opened.modal is not None
    fields = {"s0": "4", "s1": "4", "s2": "4", "s3": "4", "comment": "Better on a second look."}
    resent = hub.submit(actor("u1"), opened.modal.action, opened.modal.value, fields)
    [updated] = [b for b in to(resent, "u2")[0].card.buttons if b.label == "Helpful"]
    assert updated.value == button.value
    again = hub.press(actor("u2"), updated.action, updated.value)
    assert text_of(again) == "You already marked this feedback helpful. Thanks!"
    assert points(hub, "u1", "mock_feedback_helpful") == 5
