"""Peer review of stories through the hub: who gets what, scores, points, the author's notice."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.core.cards import Reply, Rich, UserText, Visibility
from bot.features.story.skips import OUT_OF_SKIPS
from bot.features.story.tables import StoryReview
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.story.flow import (
    ACTION,
    COMMENTS,
    SITUATION,
    card_text,
    points_of,
    press,
    review,
    take,
    text_of,
    write,
)

NOTHING = "No story is waiting for a review right now"


def _reviews(hub: Hub) -> list[StoryReview]:
    with Session(hub.engine) as session:
        return list(session.exec(select(StoryReview).order_by(StoryReview.id)))  # type: ignore[arg-type]


def _handed_title(hub: Hub, who: str) -> str:
    handed = hub.command_text(actor(who), "story", "review")
    return card_text(handed.messages[0].card).splitlines()[0]


def test_a_reviewer_gets_the_story_and_the_rubric_privately(hub: Hub) -> None:
    write(hub, "author")
    handed = take(hub, "rev")
    assert {m.visibility for m in handed.messages} == {Visibility.EPHEMERAL}
    shown = text_of(handed)
    assert "Review this story: Fixed the flaky ranking pipeline" in shown
    assert "Score each from 1 to 4:" in shown
    for criterion in (
        "**STAR structure** — 1 parts missing",
        "**Specificity** — 1 generalities",
        '**Ownership (I, not we)** — 1 "we" throughout',
        "**Measurable result** — 1 no result",
        "**Fit to the principle** — 1 not shown",
    ):
        assert criterion in shown
    assert "Interviewers probe for this:\n**Ownership:** Whether the candidate took on" in shown
    assert (
        "Your review goes privately to the author. Comments of 80+ characters earn 10 points."
        in (shown)
    )
    assert [b.label for b in handed.messages[-1].card.buttons] == ["Write review", "Skip this one"]
    opened = press(hub, "rev", handed, "Write review")
    assert opened.modal is not None
    assert [box.label for box in opened.modal.inputs] == [
        "Scores 1-4: STAR specific owner result fit",
        "Comments: what works, what to change",
    ]


def test_no_waiting_story_gets_a_friendly_message(hub: Hub) -> None:
    assert NOTHING in text_of(hub.command_text(actor("rev"), "story", "review"))
    write(hub, "author")
    assert text_of(hub.command_text(actor("author"), "story", "review")).strip() == (
        "No story is waiting for a review right now: the waiting ones are yours, ones you "
        "already reviewed, or already have their reviews. Thanks for offering! Try again later, "
        "or write your own with `/story new`."
    )


def test_a_draft_is_not_handed_to_reviewers(hub: Hub) -> None:
    write(hub, "author", result="")
    assert NOTHING in text_of(hub.command_text(actor("rev"), "story", "review"))


def test_the_story_with_fewest_reviews_that_waited_longest_comes_first(
    hub: Hub, clock: FakeClock
) -> None:
    write(hub, "a", title="Oldest")
    clock.advance(hours=1)
    write(hub, "b", title="Middle")
    clock.advance(hours=1)
    write(hub, "c", title="Newest")
    review(hub, "r1")
    assert _handed_title(hub, "r2") == "Review this story: Middle"
    review(hub, "r2")
    assert _handed_title(hub, "r3") == "Review this story: Newest"


def test_asking_again_returns_the_same_story_until_it_is_reviewed(hub: Hub) -> None:
    write(hub, "a", title="First")
    write(hub, "b", title="Second")
    assert _handed_title(hub, "rev") == "Review this story: First"
    assert _handed_title(hub, "rev") == "Review this story: First"
    assert len(_reviews(hub)) == 1


def test_a_reviewed_or_skipped_story_never_comes_back_to_that_reviewer(hub: Hub) -> None:
    write(hub, "a", title="First")
    write(hub, "b", title="Second")
    handed = hub.command_text(actor("rev"), "story", "review")
    skipped = press(hub, "rev", handed, "Skip this one")
    assert "Review this story: Second" in text_of(skipped)
    review(hub, "rev")
    assert NOTHING in text_of(hub.command_text(actor("rev"), "story", "review"))
    assert "You skipped this story." in text_of(press(hub, "rev", handed, "Take it"))


def test_reviews_spread_over_stories_and_stop_at_the_wanted_number(hub: Hub) -> None:
    hub.command_text(actor("boss", admin=True), "story", "settings reviews:1")
    write(hub, "a", title="First")
    write(hub, "b", title="Second")
    assert _handed_title(hub, "r1") == "Review this story: First"
    assert _handed_title(hub, "r2") == "Review this story: Second"
    assert NOTHING in text_of(hub.command_text(actor("r3"), "story", "review"))


def test_an_assignment_left_a_day_frees_its_slot(hub: Hub, clock: FakeClock) -> None:
    hub.command_text(actor("boss", admin=True), "story", "settings reviews:1")
    write(hub, "a", title="First")
    hub.command_text(actor("r1"), "story", "review")
    clock.advance(hours=25)
    assert _handed_title(hub, "r2") == "Review this story: First"
    review(hub, "r2")
    assert NOTHING in text_of(hub.command_text(actor("r1"), "story", "review"))


def test_a_substantive_review_earns_points_and_reaches_the_author_directly(hub: Hub) -> None:
    write(hub, "author")
    reply = review(hub, "rev", scores="3 4 2 3 4")
    thanks, notice = reply.messages
    assert thanks.visibility is Visibility.EPHEMERAL
    assert card_text(thanks.card).startswith(
        "Thanks! Your review of Fixed the flaky ranking pipeline is on its way to the author.\n"
        "+10 points."
    )
    assert [b.label for b in thanks.card.buttons] == ["Review another"]
    assert notice.visibility is Visibility.DIRECT
    assert notice.to_member == "author"
    shown = card_text(notice.card)
    assert "New review of your story #1: Fixed the flaky ranking pipeline" in shown
    assert "**Rev** reviewed it:\n> The Action is specific and clearly yours." in shown
    assert (
        "Scores: STAR structure 3/4 · Specificity 4/4 · Ownership (I, not we) 2/4 · "
        "Measurable result 3/4 · Fit to the principle 4/4" in shown
    )
    assert "Helpful gives the reviewer 5 bonus points." in shown
    assert [b.label for b in notice.card.buttons] == ["Helpful"]
    assert points_of(hub, "rev") == 10


def test_a_short_review_is_saved_but_earns_no_points(hub: Hub) -> None:
    write(hub, "author")
    reply = review(hub, "rev", comments="Nice story.")
    assert (
        "Reviews earn points when the comments are at least 80 characters (yours: 11)."
        in text_of(reply)
    )
    assert points_of(hub, "rev") == 0
    assert _reviews(hub)[0].status == "done"


def test_the_author_sees_reviews_and_averages_on_their_story(hub: Hub) -> None:
    write(hub, "author")
    review(hub, "r1", scores="4 4 4 4 4")
    review(hub, "r2", scores="2 2 2 2 3")
    shown = hub.command_text(actor("author"), "story", "show story:1")
    text = text_of(shown)
    assert "Reviews: 2 of 2 reviews · average 3.1/4" in text
    assert "Scores by criterion: STAR structure 3.0 · Specificity 3.0" in text
    assert "Fit to the principle 3.5" in text
    assert "**Review 1** by R1\n> The Action is specific" in text
    labels = [b.label for b in shown.messages[-1].card.buttons]
    assert labels == ["Edit", "Share in channel", "Review 1 was helpful", "Review 2 was helpful"]
    mine = text_of(hub.command_text(actor("author"), "story", "mine"))
    assert "Ownership · reviewed 2/2 · average 3.1/4" in mine


def test_unreadable_scores_are_refused_and_the_comments_handed_back(hub: Hub) -> None:
    write(hub, "author")
    handed = take(hub, "rev")
    opened = press(hub, "rev", handed, "Write review")
    assert opened.modal is not None
    fields = {"scores": "3 4 9 1 2", "comments": "Keep <@1> this."}
    refused = hub.submit(actor("rev"), opened.modal.action, opened.modal.value, fields)
    shown = text_of(refused)
    assert "9 is outside 1 to 4. Scores are five numbers from 1 to 4, in this order" in shown
    assert "Your comments, to paste again:\n> Keep <@1> this." in shown
    body = refused.messages[0].card.text
    assert isinstance(body, Rich) and UserText("Keep <@1> this.") in body.parts
    assert _reviews(hub)[0].status == "open"
    fields["scores"] = "3 4 3 1 2"
    assert "Thanks!" in text_of(
        hub.submit(actor("rev"), opened.modal.action, opened.modal.value, fields)
    )
    again = hub.submit(actor("rev"), opened.modal.action, opened.modal.value, fields)
    assert "You already reviewed this story. Thank you!" in text_of(again)


def test_overlong_comments_are_refused(hub: Hub) -> None:
    write(hub, "author")
    handed = take(hub, "rev")
    opened = press(hub, "rev", handed, "Write review")
    assert opened.modal is not None
    fields = {"scores": "3 3 3 3 3", "comments": "x" * 1501}
    refused = hub.submit(actor("rev"), opened.modal.action, opened.modal.value, fields)
    assert "Your comments are 1,501 characters; the limit is 1,500." in text_of(refused)


def test_a_review_of_a_deleted_story_is_refused_kindly_with_the_comments(hub: Hub) -> None:
    write(hub, "author")
    handed = take(hub, "rev")
    opened = press(hub, "rev", handed, "Write review")
    assert opened.modal is not None
    asked = hub.command_text(actor("author"), "story", "delete story:1")
    press(hub, "author", asked, "Delete story #1")
    fields = {"scores": "3 3 3 3 3", "comments": COMMENTS}
    refused = text_of(hub.submit(actor("rev"), opened.modal.action, opened.modal.value, fields))
    assert "That story is no longer available: its author deleted it." in refused
    assert "Your comments, to paste again:\n> The Action is specific" in refused
    assert "That story is no longer available" in text_of(press(hub, "rev", handed, "Write review"))
    assert NOTHING in text_of(hub.command_text(actor("rev"), "story", "review"))


def test_a_story_not_assigned_to_the_caller_cannot_be_reviewed(hub: Hub) -> None:
    write(hub, "author")
    handed = take(hub, "rev")
    stolen = press(hub, "other", handed, "Write review")
    assert stolen.modal is None
    assert "That story is not assigned to you. `/story review` gets you one." in text_of(stolen)


def test_review_another_hands_the_next_story(hub: Hub) -> None:
    write(hub, "a", title="First")
    write(hub, "b", title="Second")
    thanks = review(hub, "rev")
    assert "Review this story: Second" in text_of(press(hub, "rev", thanks, "Review another"))


def _offer(hub: Hub, who: str = "rev") -> Reply:
    return hub.command_text(actor(who), "story", "review")


def _skip(hub: Hub, offered: Reply, who: str = "rev") -> Reply:
    return press(hub, who, offered, "Skip this one")


def _labels(reply: Reply) -> list[str]:
    return [b.label for b in reply.messages[-1].card.buttons]


def test_a_story_is_offered_by_its_title_and_principle_until_it_is_taken(hub: Hub) -> None:
    write(hub, "author")
    offered = _offer(hub)
    shown = text_of(offered)
    assert "Review this story: Fixed the flaky ranking pipeline" in shown
    assert "**Principles:** Ownership" in shown
    assert "You can skip 3 more stories today." in shown
    assert SITUATION[:40] not in shown and ACTION[:40] not in shown
    assert _labels(offered) == ["Take it", "Skip this one"]
    assert ACTION[:40] in text_of(press(hub, "rev", offered, "Take it"))


def test_a_taken_story_is_shown_whole_when_asked_again(hub: Hub) -> None:
    write(hub, "author")
    take(hub, "rev")
    assert ACTION[:40] in text_of(_offer(hub))


def test_after_three_skips_in_a_day_the_offered_story_stays(hub: Hub) -> None:
    for author in ("a", "b", "c", "d"):
        write(hub, author, title=f"By {author}")
    offered = _offer(hub)
    for _ in range(3):
        offered = _skip(hub, offered)
    assert "Review this story: By d" in text_of(offered)
    assert "You have no skips left today." in text_of(offered)
    assert _labels(offered) == ["Take it"]
    refused = hub.press(actor("rev"), "story.skip", offered.messages[0].card.buttons[0].value)
    assert OUT_OF_SKIPS in text_of(refused)
    assert "Review this story: By d" in text_of(_offer(hub))


@pytest.mark.parametrize(
    ("zone", "skips"), [("Asia/Tokyo", ["Take it", "Skip this one"]), ("UTC", ["Take it"])]
)
def test_skips_come_back_at_midnight_in_the_reviewers_time_zone(
    hub: Hub, clock: FakeClock, zone: str, skips: list[str]
) -> None:
    hub.command_text(actor("rev"), "practice", f"daily at:08:00 timezone:{zone}")
    for author in ("a", "b", "c", "d", "e"):
        write(hub, author, title=f"By {author}")
    offered = _offer(hub)
    for _ in range(3):
        offered = _skip(hub, offered)
    clock.advance(hours=6)  # 15:00 UTC: midnight in Tokyo, still the afternoon in UTC
    assert _labels(_offer(hub)) == skips
