"""No-shows: reported from 15 minutes after the start, held a day for a dispute, counted once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from bot.app.hub import Hub
from bot.core.cards import Button, Reply
from bot.features.mock.tables import MockPairing, MockProfile
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.mock.flow import (
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

REPORTED = STARTS + timedelta(minutes=15)


async def _tick(hub: Hub, clock: FakeClock) -> list[str]:
    """Run the scheduler once; return what it sent, as text."""
    messenger = FakeMessenger("console")
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    return [f"{m.to_member}: {card_text(m.card)}" for _, m in messenger.sent]


def _dispute_button(reply: Reply, user: str) -> Button:
    return next(b for m in to(reply, user) for b in m.card.buttons if b.action == "mock.dispute")


def _latest_start(hub: Hub) -> datetime:
    with Session(hub.engine) as session:
        pairing = session.exec(select(MockPairing).order_by(col(MockPairing.id).desc())).first()
    assert pairing is not None and pairing.proposed_at is not None
    return pairing.proposed_at


def _report(hub: Hub, clock: FakeClock) -> Reply:
    pair(hub)
    clock.set(REPORTED)
    return mock(hub, "u1", "noshow")


@pytest.mark.parametrize("late", [timedelta(0), timedelta(minutes=14)], ids=["at", "14 min"])
def test_a_noshow_before_fifteen_minutes_past_the_start_is_refused_with_when_it_opens(
    hub: Hub, clock: FakeClock, late: timedelta
) -> None:
    pair(hub)
    clock.set(STARTS + late)
    refused = text_of(mock(hub, "u1", "noshow"))
    assert (
        "Your mock is planned for Tue 1 Dec, 18:00 (Europe/Paris). If your partner does not come, "
        "you can report it from Tue 1 Dec, 18:15 (Europe/Paris), 15 minutes after the start."
        in refused
    )
    assert points(hub, "u2") == 0


def test_a_report_tells_the_absent_member_how_long_they_have_to_dispute_it(
    hub: Hub, clock: FakeClock
) -> None:
    reply = _report(hub, clock)
    told = card_text(to(reply, "u2")[0].card)
    assert (
        "Did you miss your mock interview?\n"
        "u1 reported that you did not come to your mock interview planned for "
        "Tue 1 Dec, 12:00 (America/New_York). If you were there, press **Dispute** by "
        "Wed 2 Dec, 12:15 (America/New_York): when the two of you disagree, nobody is penalised."
        in told
    )
    assert "If you don't, the no-show counts then: -20 points and a strike" in told
    assert _dispute_button(reply, "u2").label == "Dispute"


def test_a_report_requeues_the_reporter_first_and_holds_the_points(
    hub: Hub, clock: FakeClock
) -> None:
    reply = _report(hub, clock)
    assert (
        "Noted: u2 did not come. They can dispute it for 24 hours; if they don't, it counts "
        "against them. You are first in line for a new partner." in text_of(reply)
    )
    assert "Back in the mock queue, first in line" in card_text(to(reply, "u1")[0].card)
    assert "You are first in line." in text_of(mock(hub, "u1", "status"))
    assert points(hub, "u2") == 0


async def test_an_undisputed_report_counts_after_a_day_once(hub: Hub, clock: FakeClock) -> None:
    _report(hub, clock)
    clock.set(REPORTED + timedelta(hours=23, minutes=59))
    assert await _tick(hub, clock) == []
    clock.set(REPORTED + timedelta(days=1))
    sent = await _tick(hub, clock)
    assert sent == [
        "u2: Missed mock interview\nNobody disputed the report that you missed your mock "
        "interview, so it counts (-20 points). If you can't make a mock, `/mock cancel` tells "
        "your partner in time."
    ]
    assert await _tick(hub, clock) == []
    assert points(hub, "u2") == -20


async def test_a_dispute_cancels_the_penalty_and_both_are_told(hub: Hub, clock: FakeClock) -> None:
    button = _dispute_button(_report(hub, clock), "u2")
    clock.advance(hours=23)
    reply = hub.press(actor("u2"), button.action, button.value)
    assert (
        "Disputed. When the two of you disagree, nobody is penalised: you lose no points and get "
        "no strike. u1 is told." in text_of(reply)
    )
    assert (
        "No-show report disputed\nu2 disputes that they missed your mock interview planned for "
        "Tue 1 Dec, 18:00 (Europe/Paris). When the two of you disagree, nobody is penalised"
        in card_text(to(reply, "u1")[0].card)
    )
    clock.advance(days=2)
    assert await _tick(hub, clock) == []
    assert points(hub, "u2") == 0
    again = hub.press(actor("u2"), button.action, button.value)
    assert "You already disputed this report: nobody is penalised for that mock." in text_of(again)


async def test_a_dispute_after_the_day_is_refused_and_the_noshow_counts(
    hub: Hub, clock: FakeClock
) -> None:
    button = _dispute_button(_report(hub, clock), "u2")
    clock.set(REPORTED + timedelta(days=1))
    refused = text_of(hub.press(actor("u2"), button.action, button.value))
    assert (
        "The time to dispute this report ended Wed 2 Dec, 12:15 (America/New_York), so the "
        "no-show counts." in refused
    )
    await _tick(hub, clock)
    assert points(hub, "u2") == -20


def test_only_the_member_reported_can_dispute(hub: Hub, clock: FakeClock) -> None:
    button = _dispute_button(_report(hub, clock), "u2")
    for who in (actor("u1"), actor("u2", community="g2")):
        refused = hub.press(who, button.action, button.value)
        assert "That report is not about you." in text_of(refused)
    assert "That report is not about you." in text_of(hub.press(actor("u2"), "mock.dispute", "x"))


@pytest.mark.parametrize("line", ["done", "noshow"])
def test_the_member_reported_is_pointed_to_dispute_not_done_or_a_counter_report(
    hub: Hub, clock: FakeClock, line: str
) -> None:
    _report(hub, clock)
    reply = mock(hub, "u2", line)
    assert reply.modal is None
    assert "u1 reported that you did not come to your mock interview" in text_of(reply)
    assert [b.label for b in reply.messages[0].card.buttons] == ["Dispute"]


def test_mock_status_shows_the_member_reported_the_report_and_its_dispute_button(
    hub: Hub, clock: FakeClock
) -> None:
    _report(hub, clock)
    status = mock(hub, "u2", "status")
    assert "Your mock interviews" in card_text(status.messages[0].card)
    assert "u1 reported that you did not come to your mock interview" in text_of(status)
    assert [b.label for b in status.messages[1].card.buttons] == ["Dispute"]
    clock.set(REPORTED + timedelta(days=1))
    assert len(mock(hub, "u2", "status").messages) == 1  # the day to dispute is over


def test_after_the_day_the_member_reported_is_no_longer_offered_a_dispute(
    hub: Hub, clock: FakeClock
) -> None:
    _report(hub, clock)
    clock.set(REPORTED + timedelta(days=1))
    assert "You have no mock waiting for feedback." in text_of(mock(hub, "u2", "done"))


def test_the_reporter_cannot_report_the_same_mock_twice(hub: Hub, clock: FakeClock) -> None:
    _report(hub, clock)
    again = text_of(mock(hub, "u1", "noshow"))
    assert "You have no upcoming mock to report on." in again


def test_a_noshow_after_the_partner_confirmed_is_refused(hub: Hub, clock: FakeClock) -> None:
    pair(hub)
    clock.set(REPORTED)
    done(hub, "u2")
    refused = text_of(mock(hub, "u1", "noshow"))
    assert (
        "u2 already confirmed this mock happened, so it cannot be a no-show: when the two of you "
        "disagree, nobody is penalised." in refused
    )
    assert points(hub, "u2") == 10


async def test_three_noshows_that_count_pause_a_member_until_they_opt_back_in(
    hub: Hub, clock: FakeClock
) -> None:
    profile(hub, "u2", level="senior", zone="America/New_York", hours='"mon-fri 12:00-15:00"')
    sent: list[str] = []
    for reporter in ("u3", "u4", "u5"):
        request(hub, "u2", "round:ml_depth")
        profile(hub, reporter)
        request(hub, reporter)
        clock.set(_latest_start(hub) + timedelta(minutes=15))
        mock(hub, reporter, "noshow")
        mock(hub, reporter, "cancel")  # the reporter leaves the queue they were put back in
        clock.advance(days=1)
        sent = await _tick(hub, clock)
    assert "That is your third no-show, so you are paused from mock rounds." in sent[0]
    assert "You are paused from mock interviews after 3 no-shows." in text_of(request(hub, "u2"))
    assert "Welcome back!" in text_of(mock(hub, "u2", "resume"))
    assert "You are not paused." in text_of(mock(hub, "u2", "resume"))
    assert points(hub, "u2") == -60
    with Session(hub.engine) as session:
        assert [p.strikes for p in session.exec(select(MockProfile)) if p.member_id == 1] == [0]


async def test_a_disputed_noshow_is_no_strike(hub: Hub, clock: FakeClock) -> None:
    button = _dispute_button(_report(hub, clock), "u2")
    hub.press(actor("u2"), button.action, button.value)
    clock.advance(days=2)
    await _tick(hub, clock)
    with Session(hub.engine) as session:
        assert [p.strikes for p in session.exec(select(MockProfile))] == [0, 0]


def test_noshow_without_a_mock_says_so(hub: Hub) -> None:
    profile(hub, "u1")
    refused = text_of(mock(hub, "u1", "noshow"))
    assert "You have no upcoming mock to report on. `/mock status` shows where you are." in refused


async def test_in_a_trio_the_reporter_picks_who_did_not_come(hub: Hub, clock: FakeClock) -> None:
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
    assert "u3 did not come to your mock interview." in card_text(to(reply, "u2")[0].card)
    clock.advance(days=1)
    await _tick(hub, clock)
    assert (points(hub, "u3"), points(hub, "u2")) == (-20, 0)
