"""Mock rounds: the RSVP card, joining, closing, trios, and the scheduler's entry points."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from bot.app.hub import ADMIN_ONLY, Hub
from bot.core.cards import Visibility
from bot.features.mock.rounds import close_mock_round, open_mock_round
from bot.features.mock.store import MockStore
from bot.features.mock.tables import MockRound, MockSeat
from bot.storage.tables import Community
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.mock.flow import card_text, mock, profile, request, text_of, to


def open_round(hub: Hub, line: str = "round:onsite_coding") -> str:
    """Open a round as an admin; return the Join button's value."""
    reply = mock(hub, "boss", f"round {line}", admin=True)
    assert reply.messages, text_of(reply)
    return reply.messages[0].card.buttons[0].value


def join(hub: Hub, user: str, value: str, community: str = "g1") -> str:
    return text_of(hub.press(actor(user, community=community), "mock.join", value))


def close(hub: Hub) -> list[str]:
    reply = mock(hub, "boss", "round close", admin=True)
    return [card_text(m.card) for m in reply.messages]


def test_an_admin_opens_a_round_with_a_join_button_and_members_cannot(hub: Hub) -> None:
    assert ADMIN_ONLY in text_of(mock(hub, "u1", "round round:onsite_coding"))
    reply = mock(hub, "boss", "round round:ml_system_design hours:6", admin=True)
    card = reply.messages[0]
    assert card.visibility is Visibility.CHANNEL
    shown = card_text(card.card)
    assert "Mock round: ML system design" in shown
    assert (
        "Press **Join this round** (or `/mock request` while it is open). When the round" in shown
    )
    assert "RSVPs close Tue 1 Dec, 15:00 (UTC) · no profile yet? `/profile set` first" in shown
    assert [b.label for b in card.card.buttons] == ["Join this round"]


def test_a_second_round_in_the_same_channel_is_refused(hub: Hub) -> None:
    open_round(hub)
    again = text_of(mock(hub, "boss", "round round:ml_depth", admin=True))
    assert (
        "A mock round is already open in this channel. `/mock round close` pairs it now." in again
    )


def test_joining_needs_a_profile_then_confirms_the_closing_time(hub: Hub) -> None:
    value = open_round(hub)
    assert "First, your mock profile" in join(hub, "u1", value)
    profile(hub, "u1")
    joined = join(hub, "u1", value)
    assert "See you there!" in joined
    assert (
        "You are in the Onsite coding round. "
        "Pairs go out when it closes, Wed 2 Dec, 10:00 (Europe/Paris)." in joined
    )


def test_a_request_held_for_an_open_round_is_not_paired_on_the_spot(hub: Hub) -> None:
    value = open_round(hub)
    profile(hub, "u1")
    profile(hub, "u2")
    join(hub, "u1", value)
    waiting = text_of(request(hub, "u2"))
    assert "You are in the mock queue." in waiting
    assert "A mock round closes Wed 2 Dec, 10:00 (Europe/Paris): you are part of it." in waiting


def test_closing_pairs_everyone_who_joined_and_everyone_waiting(hub: Hub) -> None:
    value = open_round(hub)
    for user in ("u1", "u2", "u3"):
        profile(hub, user)
        join(hub, user, value)
    profile(hub, "u4", hours="")
    request(hub, "u4", "round:ml_depth")  # waits: alone at the time, so not paired on the spot
    shown = close(hub)
    assert (
        "Mock round closed: Onsite coding\n2 pairs are out; check your private messages." in shown
    )
    with Session(hub.engine) as session:
        assert len(session.exec(select(MockSeat)).all()) == 4
    assert close(hub) == ["No mock round is open. `/mock round round:onsite_coding` opens one."]


def test_an_odd_member_out_joins_a_trio_and_everyone_knows_the_order(hub: Hub) -> None:
    value = open_round(hub)
    for user in ("u1", "u2", "u3"):
        profile(hub, user)
        join(hub, user, value)
    reply = mock(hub, "boss", "round close", admin=True)
    assert (
        "Mock round closed: Onsite coding\n1 trio is out; check your private messages."
        in text_of(reply)
    )
    for user in ("u1", "u2", "u3"):
        announcement = card_text(to(reply, user)[0].card)
        assert "You are in a mock trio" in announcement
        assert "1. " in announcement and "3. " in announcement
        assert len(to(reply, user)) == 2
    with Session(hub.engine) as session:
        seats = session.exec(select(MockSeat)).all()
    asks = {s.member_id: s.interviews_member_id for s in seats}
    assert sorted(asks) == sorted(asks.values())  # everyone asks once and is asked once
    assert all(asks[asks[m]] != m and asks[m] != m for m in asks)  # a cycle of three


def test_an_odd_member_out_keeps_first_priority_when_the_community_prefers(hub: Hub) -> None:
    settings = text_of(mock(hub, "boss", "settings odd:wait", admin=True))
    assert "Odd member out: keeps first priority for the next round" in settings
    value = open_round(hub)
    for user in ("u1", "u2", "u3"):
        profile(hub, user)
        join(hub, user, value)
    reply = mock(hub, "boss", "round close", admin=True)
    assert "1 pair is out; check your private messages. 1 member keeps first priority" in text_of(
        reply
    )
    left = [
        m
        for m in reply.messages
        if m.visibility is Visibility.DIRECT and "No partner" in card_text(m.card)
    ]
    assert len(left) == 1
    told = card_text(left[0].card)
    assert "No partner this round, but you are first in line" in told
    assert "An odd number with your target role joined, and you were the one left over." in told
    assert "You are first in line." in text_of(mock(hub, left[0].to_member or "", "status"))


def test_the_only_member_of_a_role_is_told_so_at_closing(hub: Hub) -> None:
    value = open_round(hub)
    profile(hub, "u1", role="SDE")
    join(hub, "u1", value)
    reply = mock(hub, "boss", "round close", admin=True)
    assert "Nobody else with your target role joined this round." in card_text(
        to(reply, "u1")[0].card
    )


def test_a_closed_round_refuses_new_joins(hub: Hub, clock: FakeClock) -> None:
    value = open_round(hub, "round:onsite_coding hours:1")
    profile(hub, "u1")
    clock.advance(hours=2)
    assert "This mock round has closed." in join(hub, "u1", value)
    assert "That mock round is not one of this community's." in join(
        hub, "u1", value, community="g2"
    )


def test_closing_with_no_round_open_says_so(hub: Hub) -> None:
    assert close(hub) == ["No mock round is open. `/mock round round:onsite_coding` opens one."]


def test_the_scheduler_opens_and_closes_each_round_exactly_once(hub: Hub) -> None:
    profile(hub, "u1")
    with Session(hub.engine) as session:
        community = session.exec(select(Community)).one()
        assert community.id is not None
        cid, now = community.id, hub.clock.now()
        kwargs = {"store": MockStore(session, cid), "clock": hub.clock, "channel_id": "c9"}
        opened = open_mock_round(**kwargs, round="ml_depth", closes_at=now + timedelta(hours=3))  # type: ignore[arg-type]
        again = open_mock_round(**kwargs, round="ml_depth", closes_at=now + timedelta(hours=3))  # type: ignore[arg-type]
        session.commit()
    assert [m.channel for m in opened] == ["c9"] and again == []
    value = opened[0].card.buttons[0].value
    profile(hub, "u2")
    join(hub, "u1", value)
    join(hub, "u2", value)
    with Session(hub.engine) as session:
        store, elsewhere = MockStore(session, cid), MockStore(session, cid + 1)
        first = close_mock_round(store=store, clock=hub.clock, round_id=int(value))
        second = close_mock_round(store=store, clock=hub.clock, round_id=int(value))
        other = close_mock_round(store=elsewhere, clock=hub.clock, round_id=int(value))
        session.commit()
        assert session.exec(select(MockRound.status)).one() == "closed"
    assert len([m for m in first if m.visibility is Visibility.DIRECT]) == 4
    assert [m.channel for m in first if m.visibility is Visibility.CHANNEL] == ["c9"]
    assert second == [] and other == []


def test_settings_change_the_roles_members_can_choose(hub: Hub) -> None:
    shown = text_of(mock(hub, "boss", 'settings roles:"MLE, Research Engineer"', admin=True))
    assert "Target roles: MLE · Research Engineer" in shown
    assert "Target role: Research Engineer" in text_of(
        profile(hub, "u1", role='"research engineer"')
    )
    refused = text_of(profile(hub, "u2", role="SDE"))
    assert "“SDE” is not a target role here. Choose one of: MLE, Research Engineer." in refused
    bad = text_of(mock(hub, "boss", 'settings roles:"MLE, mle"', admin=True))
    assert "Two of those roles are the same apart from case or spacing." in bad
    assert ADMIN_ONLY in text_of(mock(hub, "u1", "settings odd:wait"))


def test_a_round_nobody_joined_says_so_when_it_closes(hub: Hub) -> None:
    open_round(hub)
    assert close(hub) == ["Mock round closed: Onsite coding\nNobody could be paired this time."]


def test_a_member_with_a_partner_cannot_join_a_round(hub: Hub) -> None:
    profile(hub, "u1")
    profile(hub, "u2")
    request(hub, "u1")
    request(hub, "u2")
    value = open_round(hub)
    refused = join(hub, "u1", value)
    assert "You already have a mock partner. `/mock status` shows who and when." in refused


def test_a_pair_without_shared_hours_gets_a_suggested_time(hub: Hub) -> None:
    value = open_round(hub)
    profile(hub, "u1", hours='"sat 10:00-12:00"')
    profile(hub, "u2", hours='"mon 10:00-12:00"')
    join(hub, "u1", value)
    join(hub, "u2", value)
    reply = mock(hub, "boss", "round close", admin=True)
    announcement = card_text(to(reply, "u1")[0].card)
    assert "Your weekly hours do not overlap: accept this time or press **Another time**." in (
        announcement
    )
