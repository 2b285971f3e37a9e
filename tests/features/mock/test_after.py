"""After the mock: feedback, completion points, no-shows, members who leave, forged buttons."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from bot.app.hub import Hub
from bot.core.cards import UserText, Visibility
from bot.features.mock.tables import MockFeedback, MockPairing
from bot.storage.tables import Community
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.mock.flow import (
    FEEDBACK,
    STARTS,
    card_text,
    done,
    mock,
    pair,
    points,
    profile,
    request,
    text_of,
    to,
)


def test_done_opens_the_rubric_of_the_round_the_member_asked(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    clock.set(STARTS)
    modal = mock(hub, "u1", "done").modal
    assert modal is not None
    assert modal.title == "Feedback: ML depth"
    labels = [box.label for box in modal.inputs]
    assert labels == [
        "Fundamentals (1-4)",
        "Depth (1-4)",
        "Trade-offs (1-4)",
        "Communication (1-4)",
        "What went well, what to work on",
    ]
    assert all(box.max_length <= 3000 for box in modal.inputs)
    other = mock(hub, "u2", "done").modal
    assert other is not None and other.title == "Feedback: Coding"


def test_feedback_goes_privately_to_the_partner_with_member_text_shown_literally(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    clock.set(STARTS)
    reply = done(hub, "u1", comment=FEEDBACK + " @everyone")
    thanks = card_text(reply.messages[0].card)
    assert reply.messages[0].visibility is Visibility.EPHEMERAL
    assert "Thanks for the feedback!\nYour feedback is on its way to u2." in thanks
    assert "+10 points for detailed feedback." in thanks
    assert "Completion points arrive when your partner confirms too." in thanks
    sent = to(reply, "u2")[0].card
    shown = card_text(sent)
    assert "Feedback from your mock interview\nu1 scored your ML depth interview." in shown
    assert "Fundamentals: 3 / 4" in shown and "Trade-offs: 2 / 4" in shown
    assert "Only you see this feedback." in shown
    assert UserText(FEEDBACK + " @everyone") in sent.text.parts  # type: ignore[union-attr]


def test_completion_points_come_once_both_confirm(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    clock.set(STARTS)
    done(hub, "u1")
    assert points(hub, "u1", "mock_completed") == 0
    reply = done(hub, "u2", comment="good")
    thanks = card_text(reply.messages[0].card)
    assert "Everyone confirmed the mock: +30 points." in thanks
    assert "A few sentences of comments (80+ characters) earn feedback points." in thanks
    told = [card_text(m.card) for m in to(reply, "u1")]
    assert "Mock interview completed. +30 points.\nEveryone confirmed it." in told
    assert (points(hub, "u1"), points(hub, "u2")) == (40, 30)
    with Session(hub.engine) as session:
        assert session.exec(select(MockPairing.status)).one() == "completed"
    assert "Not in the queue." in text_of(mock(hub, "u1", "status"))


def test_sending_feedback_again_updates_it_and_counts_no_points_twice(
    hub: Hub, clock: FakeClock
) -> None:
    first = pair(hub)
    clock.set(STARTS)
    done(hub, "u1")
    done(hub, "u2")
    button = to(first, "u1")[0].card.buttons[0]
    opened = hub.press(actor("u1"), button.action, button.value)
    assert opened.modal is not None
    fields = {"s0": "4", "s1": "4", "s2": "4", "s3": "4", "comment": FEEDBACK + " Again."}
    again = hub.submit(actor("u1"), opened.modal.action, opened.modal.value, fields)
    assert "Updated feedback from your mock" in card_text(to(again, "u2")[0].card)
    assert points(hub, "u1") == 40
    with Session(hub.engine) as session:
        rows = session.exec(select(MockFeedback).order_by(col(MockFeedback.id))).all()
    assert [f.scores.get("Depth") for f in rows] == [4, None]


def test_feedback_sent_again_after_completion_does_not_claim_the_points_again(
    hub: Hub, clock: FakeClock
) -> None:
    first = pair(hub)
    clock.set(STARTS)
    done(hub, "u1")
    done(hub, "u2")
    button = to(first, "u1")[0].card.buttons[0]
    opened = hub.press(actor("u1"), button.action, button.value)
    assert opened.modal is not None
    fields = {"s0": "4", "s1": "4", "s2": "4", "s3": "4", "comment": FEEDBACK}
    again = hub.submit(actor("u1"), opened.modal.action, opened.modal.value, fields)
    thanks = card_text(again.messages[0].card)
    assert "+30 points" not in thanks and "+10 points" not in thanks
    assert "Everyone confirmed the mock; its points are already yours." in thanks


def test_a_score_out_of_range_names_the_criterion_and_saves_nothing(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    clock.set(STARTS)
    refused = text_of(done(hub, "u1", scores=("3", "5", "2", "3")))
    assert (
        "**Depth** needs a score from 1 to 4; you wrote “5”. Nothing was sent; please try again."
        in refused
    )
    with Session(hub.engine) as session:
        assert session.exec(select(MockFeedback)).all() == []
    assert mock(hub, "u1", "done").modal is not None


def test_comments_over_the_limit_are_refused(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    clock.set(STARTS)
    refused = text_of(done(hub, "u1", comment="x" * 3001))
    assert "Your comments are 3,001 characters; the limit is 3,000." in refused


def test_done_before_the_proposed_time_is_refused_with_when_it_opens(
    hub: Hub, clock: FakeClock
) -> None:
    first = pair(hub)
    clock.set(STARTS - timedelta(minutes=1))
    refused = mock(hub, "u2", "done")
    assert refused.modal is None
    assert (
        "Your mock is planned for Tue 1 Dec, 12:00 (America/New_York). `/mock done` opens then, "
        "to confirm it happened and give feedback." in text_of(refused)
    )
    button = to(first, "u1")[0].card.buttons[0]
    pressed = hub.press(actor("u1"), button.action, button.value)
    assert pressed.modal is None
    assert "Your mock is planned for Tue 1 Dec, 18:00 (Europe/Paris)." in text_of(pressed)


def test_done_without_a_mock_says_so(hub: Hub) -> None:
    profile(hub, "u1")
    assert "You have no mock waiting for feedback." in text_of(mock(hub, "u1", "done"))


def test_a_member_leaving_frees_their_partner_who_is_told_and_requeued(hub: Hub) -> None:
    pair(hub)
    assert hub.member_left("console", "another-server", "u2") == []  # not this community
    assert hub.member_left("slack", "g1", "u2") == []  # same id, another platform
    messages = hub.member_left("console", "g1", "u2")
    told = [card_text(m.card) for m in messages if m.to_member == "u1"]
    assert (
        "Back in the mock queue, first in line\n"
        "U2 left this community, so your mock interview is off." in told[0]
    )
    assert "Waiting for a partner for **Onsite coding**" in text_of(mock(hub, "u1", "status"))


def test_a_member_is_known_only_in_the_communities_they_used(hub: Hub) -> None:
    assert not hub.knows_member("console", "g1", "u1")
    profile(hub, "u1")
    assert hub.knows_member("console", "g1", "u1")
    assert not hub.knows_member("console", "g2", "u1")
    assert not hub.knows_member("discord", "g1", "u1")
    with Session(hub.engine) as session:
        assert len(session.exec(select(Community)).all()) == 1  # asking created nothing


def test_a_member_leaving_with_only_a_request_just_cancels_it(hub: Hub) -> None:
    profile(hub, "u1")
    request(hub, "u1")
    assert hub.member_left("console", "g1", "u1") == []
    assert hub.member_left("console", "g1", "zz") == []
    assert "Not in the queue." in text_of(mock(hub, "u1", "status"))


def test_buttons_of_another_community_or_forged_ones_are_refused(hub: Hub) -> None:
    reply = pair(hub)
    button = to(reply, "u1")[0].card.buttons[0]
    stolen = hub.press(actor("u9", community="g2"), button.action, button.value)
    assert stolen.modal is None
    assert "That mock is not one of yours any more." in text_of(stolen)
    outsider = hub.press(actor("u9"), button.action, button.value)
    assert "That mock is not one of yours any more." in text_of(outsider)
    for action, value in (("mock.done", "DROP"), ("mock.noshow", "-1"), ("mock.ns", "1:x")):
        assert "That mock is not one of yours any more." in text_of(
            hub.press(actor("u1"), action, value)
        )
    assert "That button no longer works." in text_of(hub.press(actor("u1"), "mock.join", "x"))
    forged = hub.submit(actor("u9", community="g2"), "mock.fb", button.value, {"s0": "4"})
    assert "That mock is not one of yours any more." in text_of(forged)
