"""A pairing's time is agreed: Accept, Another time (shared slots or your own), a new invite."""

from __future__ import annotations

from bot.app.hub import Hub
from bot.core.cards import Reply
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.mock.confirm_flow import (
    ANNOUNCED,
    WEDNESDAY,
    card_of,
    event_of,
    labels,
    press,
)
from tests.features.mock.flow import STARTS, card_text, pair, text_of, to


def _accept_both(hub: Hub, paired: Reply) -> Reply:
    press(hub, "u1", card_of(paired, "u1", ANNOUNCED), "Accept")
    return press(hub, "u2", card_of(paired, "u2", ANNOUNCED), "Accept")


def test_the_pairing_dm_asks_to_accept_the_time_by_a_deadline_in_each_zone(hub: Hub) -> None:
    paired = pair(hub)
    mine = card_of(paired, "u1", ANNOUNCED)
    assert labels(mine) == ["Give feedback", "Partner didn't show", "Accept", "Another time"]
    assert (
        "Accept or pick another time by Tue 1 Dec, 18:00 (Europe/Paris): if you have not all "
        "accepted one by then, the pairing is released and you go back to the front of the queue."
        in card_text(mine.card)
    )
    assert "by Tue 1 Dec, 12:00 (America/New_York)" in card_text(
        card_of(paired, "u2", ANNOUNCED).card
    )


def test_one_accept_waits_for_the_partner_and_says_what_happens_next(hub: Hub) -> None:
    paired = pair(hub)
    said = text_of(press(hub, "u1", card_of(paired, "u1", ANNOUNCED), "Accept"))
    assert said == (
        "Accepted\nYou accepted Tue 1 Dec, 18:00 (Europe/Paris). Once u2 accepts too, you both "
        "get the confirmation and the calendar invite. If not by Tue 1 Dec, 18:00 "
        "(Europe/Paris), the pairing is released and you go back to the front of the queue."
    )


def test_both_accepting_confirms_with_an_invite_that_moves_the_same_event(hub: Hub) -> None:
    paired = pair(hub)
    first = event_of(card_of(paired, "u1", ANNOUNCED))
    confirmed = _accept_both(hub, paired)
    assert sorted(m.to_member or "" for m in confirmed.messages) == ["u1", "u2"]
    letter = card_of(confirmed, "u2", "Your mock interview is confirmed")
    assert "Time: Tue 1 Dec, 12:00 (America/New_York)" in card_text(letter.card)
    assert labels(letter) == ["Interviewer packet", "Give feedback", "Partner didn't show"]
    again = event_of(letter)
    assert (first["uid"], first["sequence"]) == ("preploop-mock-1@preploop", 0)
    assert (again["uid"], again["sequence"], again["start"]) == (first["uid"], 1, STARTS)


def test_another_time_offers_the_next_three_shared_slots_in_my_zone_and_my_own(hub: Hub) -> None:
    paired = pair(hub)
    offered = press(hub, "u2", card_of(paired, "u2", ANNOUNCED), "Another time")
    [card] = offered.messages
    assert labels(card) == [
        "Tue 1 Dec, 13:00 (America/New_York)",
        "Wed 2 Dec, 12:00 (America/New_York)",
        "Thu 3 Dec, 12:00 (America/New_York)",
        "Suggest your own",
    ]
    assert "from your weekly hours (shown in your time zone)" in card_text(card.card)


def test_a_picked_time_goes_to_the_partner_in_their_zone_and_both_accepting_bumps_the_invite(
    hub: Hub,
) -> None:
    paired = pair(hub)
    offered = press(hub, "u2", card_of(paired, "u2", ANNOUNCED), "Another time")
    asked = press(hub, "u2", offered.messages[0], "Wed 2 Dec, 12:00 (America/New_York)")
    assert "I asked u1 to accept Wed 2 Dec, 12:00 (America/New_York)." in text_of(asked)
    proposal = card_of(asked, "u1", "Another time for your mock interview")
    assert "u2 proposes Wed 2 Dec, 18:00 (Europe/Paris)." in card_text(proposal.card)
    assert labels(proposal) == ["Accept", "Another time"]
    stale = press(hub, "u1", card_of(paired, "u1", ANNOUNCED), "Accept")
    assert "That time is no longer the one proposed: the latest is Wed 2 Dec, 18:00" in text_of(
        stale
    )
    confirmed = press(hub, "u1", proposal, "Accept")
    letter = card_of(confirmed, "u1", "Your mock interview is confirmed")
    assert "Time: Wed 2 Dec, 18:00 (Europe/Paris)" in card_text(letter.card)
    assert event_of(letter)["start"] == WEDNESDAY
    assert event_of(letter)["sequence"] == 1


def test_my_own_time_is_read_in_my_zone_and_bad_text_gets_a_clear_answer(hub: Hub) -> None:
    paired = pair(hub)
    offered = press(hub, "u1", card_of(paired, "u1", ANNOUNCED), "Another time")
    opened = press(hub, "u1", offered.messages[0], "Suggest your own")
    assert opened.modal is not None
    assert opened.modal.inputs[0].label == "Day and time, in your zone (Europe/Paris)"
    modal = opened.modal

    def send(text: str) -> str:
        return text_of(hub.submit(actor("u1"), modal.action, modal.value, {"when": text}))

    assert "is not a time I can read; write it like `thu 18:30`" in send("someday soon")
    assert "Suggest a time at least an hour from now." in send("2026-11-30 18:00")
    assert "Suggest a time within the next three weeks." in send("2027-03-01 18:00")
    sent = hub.submit(actor("u1"), modal.action, modal.value, {"when": "Sat 10:30"})
    proposal = card_of(sent, "u2", "Another time for your mock interview")
    assert "u1 proposes Sat 5 Dec, 04:30 (America/New_York)." in card_text(proposal.card)


def test_a_confirmed_time_answers_another_time_with_how_to_cancel(hub: Hub) -> None:
    paired = pair(hub)
    _accept_both(hub, paired)
    said = text_of(press(hub, "u1", card_of(paired, "u1", ANNOUNCED), "Another time"))
    assert "Your mock is confirmed for Tue 1 Dec, 18:00 (Europe/Paris)." in said
    assert "Your mock is already confirmed" in text_of(
        press(hub, "u1", card_of(paired, "u1", ANNOUNCED), "Accept")
    )


def test_someone_outside_the_pairing_cannot_accept_it(hub: Hub) -> None:
    paired = pair(hub)
    accept = card_of(paired, "u1", ANNOUNCED).card.buttons[2]
    said = text_of(hub.press(actor("u3"), accept.action, accept.value))
    assert "That mock is not one of yours" in said


def test_the_packet_button_shows_my_interviewer_packet_again(hub: Hub) -> None:
    paired = pair(hub)
    confirmed = _accept_both(hub, paired)
    packet = press(
        hub,
        "u1",
        card_of(confirmed, "u1", "Your mock interview is confirmed"),
        "Interviewer packet",
    )
    [shown] = packet.messages
    assert str(shown.card.title).startswith("Interviewer packet: ML depth")
    assert [m.card.title for m in to(paired, "u1")][1] == shown.card.title


def test_another_time_starts_four_hours_from_now_at_the_earliest(
    hub: Hub, clock: FakeClock
) -> None:
    paired = pair(hub)
    clock.advance(hours=6)
    offered = press(hub, "u1", card_of(paired, "u1", ANNOUNCED), "Another time")
    assert labels(offered.messages[0])[0] == "Tue 1 Dec, 20:00 (Europe/Paris)"
