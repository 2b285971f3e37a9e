"""Every query of the story store stays inside its community."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.features.story.tables import Story, StoryReview
from tests.conftest import actor
from tests.features.story.flow import text_of, write


def _rows(hub: Hub) -> tuple[list[Story], list[StoryReview]]:
    with Session(hub.engine) as session:
        return list(session.exec(select(Story))), list(session.exec(select(StoryReview)))


def test_stories_never_cross_communities(hub: Hub) -> None:
    saved = write(hub, "u1")
    outsider = actor("u1", community="g2")
    assert "No story is waiting" in text_of(hub.command_text(outsider, "story", "review"))
    assert "You have no stories yet." in text_of(hub.command_text(outsider, "story", "mine"))
    assert "You have no story #1." in text_of(hub.command_text(outsider, "story", "show story:1"))
    for button in saved.messages[0].card.buttons:
        refused = hub.press(outsider, button.action, button.value)
        assert "That story is not one of yours." in text_of(refused)
        assert refused.modal is None
    assert "That review is no longer available" in text_of(
        hub.press(outsider, "story.helpful", "1")
    )


def test_a_review_from_another_community_cannot_be_sent(hub: Hub) -> None:
    write(hub, "author")
    hub.command_text(actor("rev"), "story", "review")
    story_id = _rows(hub)[0][0].id
    fields = {"scores": "3 3 3 3 3", "comments": "x"}
    refused = hub.submit(actor("rev", community="g2"), "story.review", str(story_id), fields)
    assert "That story is no longer available" in text_of(refused)
