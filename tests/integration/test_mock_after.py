"""After the mock: feedback, completion points, no-shows, members who leave, forged buttons."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from bot.core.cards import UserText, Visibility
from bot.services.hub import Hub
from bot.services.mock import member_left
from bot.storage.tables import Community
from bot.storage.tables_mock import MockFeedback, MockPairing, MockProfile
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.integration.mock_flow import (
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


def test_a_noshow_before_the_planned_time_is_refused(hub: Hub) -> None:
    pair(hub)
    refused = text_of(mock(hub, "u1", "noshow"))
    assert (
        "Your mock is planned for Tue 1 Dec, 18:00 (Europe/Paris). If your partner does not come"
        in refused
    )


def test_a_noshow_costs_the_absent_member_and_requeues_the_reporter_first(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    clock.advance(hours=9)
    reply = mock(hub, "u1", "noshow")
    assert "Noted: u2 did not come. You are first in line for a new partner." in text_of(reply)
    absent = card_text(to(reply, "u2")[0].card)
    assert (
        "Missed mock interview\n"
        "Your partner reported that you missed your mock interview (-20 points)." in absent
    )
    assert "`/mock cancel` tells your partner in time." in absent
    assert "Back in the mock queue, first in line" in card_text(to(reply, "u1")[0].card)
    assert points(hub, "u2") == -20
    assert "You are first in line." in text_of(mock(hub, "u1", "status"))


def test_a_noshow_after_the_partner_confirmed_is_refused(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    clock.advance(hours=9)
    done(hub, "u2")
    refused = text_of(mock(hub, "u1", "noshow"))
    assert "u2 already confirmed this mock happened, so it cannot be a no-show." in refused
    assert points(hub, "u2") == 10


def test_three_noshows_pause_a_member_until_they_opt_back_in(hub: Hub, clock: FakeClock) -> None:
    profile(hub, "u2", level="senior", zone="America/New_York", hours='"mon-fri 12:00-15:00"')
    last = None
    for reporter in ("u3", "u4", "u5"):
        request(hub, "u2", "round:ml_depth")
        profile(hub, reporter)
        request(hub, reporter)
        clock.advance(days=1)
        last = mock(hub, reporter, "noshow")
        mock(hub, reporter, "cancel")  # the reporter leaves the queue they were put back in
    assert last is not None
    assert "That is your third no-show, so you are paused from mock rounds." in card_text(
        to(last, "u2")[0].card
    )
    assert "You are paused from mock interviews after 3 no-shows." in text_of(request(hub, "u2"))
    assert "Welcome back!" in text_of(mock(hub, "u2", "resume"))
    assert "You are not paused." in text_of(mock(hub, "u2", "resume"))
    assert points(hub, "u2") == -60
    with Session(hub.engine) as session:
        assert [p.strikes for p in session.exec(select(MockProfile)) if p.member_id == 1] == [0]


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
    with Session(hub.engine) as session:
        community = session.exec(select(Community)).one()
        assert community.id is not None
        assert (
            member_left(
                session=session, clock=hub.clock, community_id=community.id, member_external_id="u1"
            )
            == []
        )
        assert (
            member_left(
                session=session, clock=hub.clock, community_id=community.id, member_external_id="zz"
            )
            == []
        )
        session.commit()
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


def test_noshow_without_a_mock_says_so(hub: Hub) -> None:
    profile(hub, "u1")
    refused = text_of(mock(hub, "u1", "noshow"))
    assert "You have no upcoming mock to report on. `/mock status` shows where you are." in refused


def test_in_a_trio_the_reporter_picks_who_did_not_come(hub: Hub, clock: FakeClock) -> None:
    opened = mock(hub, "boss", "round round:onsite_coding", admin=True)
    join = opened.messages[0].card.buttons[0]
    for user in ("u1", "u2", "u3"):
        profile(hub, user)
        hub.press(actor(user), join.action, join.value)
    mock(hub, "boss", "round close", admin=True)
    clock.advance(days=2)
    asked = mock(hub, "u1", "noshow")
    card = asked.messages[0].card
    assert card.title == "Who did not come?"
    assert sorted(b.label for b in card.buttons) == ["U2 didn't show", "U3 didn't show"]
    pick = next(b for b in card.buttons if b.label == "U3 didn't show")
    reply = hub.press(actor("u1"), pick.action, pick.value)
    assert "Noted: u3 did not come." in text_of(reply)
    assert points(hub, "u3") == -20
    assert "u3 did not come to your mock interview." in card_text(to(reply, "u2")[0].card)
