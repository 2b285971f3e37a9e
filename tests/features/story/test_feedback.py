"""The author's side of a review: the Helpful button and its bonus points, through the hub."""

from __future__ import annotations

from bot.app.hub import Hub
from tests.features.story.flow import (
    points_of,
    press,
    review,
    text_of,
    write,
)


def test_the_author_marks_a_review_helpful_once_for_bonus_points(hub: Hub) -> None:
    write(hub, "author")
    notice = review(hub, "rev")
    notice.messages = notice.messages[1:]
    assert "Only the story's author can mark its review helpful." in text_of(
        press(hub, "rev", notice, "Helpful")
    )
    thanked = press(hub, "author", notice, "Helpful")
    assert "Thanks! Rev gets +5 points for a helpful review." in text_of(thanked)
    again = press(hub, "author", notice, "Helpful")
    assert "You already marked this review helpful. Thanks!" in text_of(again)
    assert points_of(hub, "rev") == 15
