"""`/profile forget` erases a member's stories and unnames their reviews, in one community only."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.core.cards import Reply
from bot.features.daily.tables import Answer
from bot.features.story.tables import Story, StoryReview
from tests.conftest import actor
from tests.features.story.flow import GOOD, points_of, press, review, text_of, write


def _rows(hub: Hub) -> tuple[list[Story], list[StoryReview]]:
    with Session(hub.engine) as session:
        return list(session.exec(select(Story))), list(session.exec(select(StoryReview)))


def _forget(hub: Hub, who: str, community: str = "g1") -> Reply:
    asked = hub.command_text(actor(who, community=community), "profile", "forget")
    button = asked.messages[0].card.buttons[0]
    return hub.press(actor(who, community=community), button.action, button.value)


def test_forgetting_asks_first(hub: Hub) -> None:
    write(hub)
    asked = hub.command_text(actor("u1"), "profile", "forget")
    shown = text_of(asked)
    assert "Forget your data?" in shown
    assert (
        "This erases, in this community only: your stories; the text of your daily answers;"
        in shown
    )
    assert "What stays: messages already posted in channels and direct messages" in shown
    assert [b.label for b in asked.messages[0].card.buttons] == ["Forget my data"]
    assert len(_rows(hub)[0]) == 1
    stolen = press(hub, "u2", asked, "Forget my data")
    assert "That button belongs to someone else. Run `/profile forget` yourself." in text_of(stolen)
    assert len(_rows(hub)[0]) == 1


def test_forgetting_removes_stories_review_text_answers_and_points(hub: Hub) -> None:
    write(hub, "u1")
    write(hub, "u2", title="Theirs")
    write(hub, "u1", title="Mine too", principles="principle:dive-deep")
    review(hub, "u1")  # u1 reviews u2's story
    review(hub, "u2")  # u2 reviews u1's first story
    shown = hub.command_text(actor("u1"), "question", "")
    button = shown.messages[0].card.buttons[0]
    opened = hub.press(actor("u1"), button.action, button.value)
    assert opened.modal is not None
    hub.submit(actor("u1"), opened.modal.action, opened.modal.value, {"answer": "My answer."})
    assert points_of(hub, "u1") > 0

    done = text_of(_forget(hub, "u1"))
    assert "Done: your data is gone" in done
    assert (
        "Erased in this community: the text of 1 daily answer, 2 stories, the comments of 1 "
        "story review you wrote, your self-ratings, practice settings, points and streak, "
        "name and time zone." in done
    )
    assert "Other communities you are in are not touched." in done

    stories, reviews = _rows(hub)
    assert [s.title for s in stories] == ["Theirs"]
    assert [(r.reviewer_id, r.comments, r.star) for r in reviews] == [(None, "", 3)]
    with Session(hub.engine) as session:
        assert [a.text for a in session.exec(select(Answer))] == [""]
    assert points_of(hub, "u1") == 0
    assert points_of(hub, "u2") > 0
    assert "You have no stories yet." in text_of(hub.command_text(actor("u1"), "story", "mine"))
    theirs = text_of(hub.command_text(actor("u2"), "story", "show story:1"))
    assert "Reviews: 1 of 2 reviews · average 3.4/4" in theirs
    assert "**Review 1** by A former member\n> (no comments)" in theirs


def test_a_helpful_mark_on_a_forgotten_reviewers_review_gives_no_points(hub: Hub) -> None:
    write(hub, "author")
    notice = review(hub, "rev")
    _forget(hub, "rev")
    notice.messages = notice.messages[1:]
    thanked = text_of(press(hub, "author", notice, "Helpful"))
    assert "Thanks! The reviewer has since left, so no points went to them." in thanked


def test_forgetting_in_one_community_leaves_the_other_alone(hub: Hub) -> None:
    write(hub, "u1")
    opened = hub.command_text(actor("u1", community="g2"), "story", "new principle:frugality")
    assert opened.modal is not None
    hub.submit(actor("u1", community="g2"), opened.modal.action, opened.modal.value, GOOD)
    assert "Erased in this community: 1 story," in text_of(_forget(hub, "u1", community="g2"))
    assert [s.principles for s in _rows(hub)[0]] == ["ownership"]
