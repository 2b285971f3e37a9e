"""Self-ratings as members see them: pressing again changes the rating, it never compounds."""

from __future__ import annotations

import pytest

from bot.app.hub import Hub
from bot.core.cards import Button
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.replies import reply_text


def _rating_buttons(hub: Hub, who: str = "ann") -> dict[str, Button]:
    card = hub.command_text(actor(who), "practice", "").messages[0].card
    return {b.label: b for b in card.buttons if b.action == "p.rate"}


def _press(hub: Hub, button: Button, who: str = "ann") -> str:
    return reply_text(hub.press(actor(who), button.action, button.value))


def test_pressing_nailed_again_and_again_says_the_same_number_of_days(hub: Hub) -> None:
    nailed = _rating_buttons(hub)["Nailed it"]
    said = [_press(hub, nailed) for _ in range(3)]
    assert all("comes back in /practice in 21 days" in text for text in said)


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("Nailed it", "Missed", "tomorrow"),
        ("Missed", "Nailed it", "in 21 days"),
        ("Partial", "Nailed it", "in 21 days"),
        ("Nailed it", "Partial", "in 3 days"),
    ],
)
def test_pressing_another_rating_replaces_the_first(
    hub: Hub, first: str, then: str, expected: str
) -> None:
    buttons = _rating_buttons(hub)
    _press(hub, buttons[first])
    assert f"comes back in /practice {expected}" in _press(hub, buttons[then])


def test_a_rating_after_the_question_came_back_grows_the_interval(
    hub: Hub, clock: FakeClock
) -> None:
    nailed = _rating_buttons(hub)["Nailed it"]
    _press(hub, nailed)
    clock.advance(days=21)
    again = _rating_buttons(hub)["Nailed it"]
    assert again.value == nailed.value  # the same question, due again
    assert "in 52 days" in _press(hub, again)
    assert "in 52 days" in _press(hub, again)


def test_the_daily_card_rated_twice_says_the_same_number_of_days(hub: Hub) -> None:
    card = hub.command_text(actor("ann"), "question", "").messages[0].card
    nailed = next(b for b in card.buttons if b.label == "Nailed it")
    assert "in 21 days" in _press(hub, nailed)
    assert "in 21 days" in _press(hub, nailed)
