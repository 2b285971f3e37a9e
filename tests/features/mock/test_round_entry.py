"""One rule for both ways into a round: while it is open, every request waits for its close."""

from __future__ import annotations

import pytest

from bot.app.hub import Hub
from tests.conftest import actor
from tests.features.mock.flow import card_text, mock, profile, request, text_of, to

HELD = "A mock round closes Wed 2 Dec, 10:00 (Europe/Paris): you are part of it."


def _open(hub: Hub) -> str:
    reply = mock(hub, "boss", "round round:onsite_coding", admin=True)
    return reply.messages[0].card.buttons[0].value


def _close(hub: Hub) -> list[str]:
    return [card_text(m.card) for m in mock(hub, "boss", "round close", admin=True).messages]


def test_a_request_made_while_a_round_is_open_waits_for_its_close_like_a_join(hub: Hub) -> None:
    _open(hub)
    profile(hub, "u1")
    profile(hub, "u2")
    request(hub, "u1")
    waiting = text_of(request(hub, "u2"))
    assert "You are in the mock queue." in waiting
    assert HELD in waiting
    assert "Mock round closed: Onsite coding\n1 pair is out; check your private messages." in (
        _close(hub)
    )


def test_a_member_waiting_when_a_round_opens_is_part_of_it(hub: Hub) -> None:
    profile(hub, "u1")
    profile(hub, "u2")
    request(hub, "u1")
    value = _open(hub)
    assert HELD in text_of(mock(hub, "u1", "request round:onsite_coding"))
    joined = text_of(hub.press(actor("u2"), "mock.join", value))
    assert "See you there!" in joined
    closed = mock(hub, "boss", "round close", admin=True)
    assert to(closed, "u1") and to(closed, "u2")


def test_a_member_whose_partner_cancels_during_a_round_is_paired_at_its_close(hub: Hub) -> None:
    profile(hub, "u1")
    profile(hub, "u2")
    request(hub, "u1")
    request(hub, "u2")
    _open(hub)
    profile(hub, "u3")
    request(hub, "u3")
    cancelled = mock(hub, "u1", "cancel")
    [told] = to(cancelled, "u2")
    assert card_text(told.card).startswith("Back in the mock queue, first in line")
    closed = mock(hub, "boss", "round close", admin=True)
    assert to(closed, "u2") and to(closed, "u3")


def test_the_round_summary_counts_every_pair_and_trio_it_made(hub: Hub) -> None:
    value = _open(hub)
    for user in ("u1", "u2", "u3", "u4", "u5"):
        profile(hub, user)
    for user in ("u1", "u2", "u3"):
        hub.press(actor(user), "mock.join", value)
    request(hub, "u4")
    request(hub, "u5")
    assert (
        "Mock round closed: Onsite coding\n1 pair and 1 trio are out; check your private messages."
    ) in _close(hub)


@pytest.mark.parametrize(
    ("members", "odd", "said"),
    [
        (2, "trio", "1 pair is out; check your private messages."),
        (4, "trio", "2 pairs are out; check your private messages."),
        (3, "trio", "1 trio is out; check your private messages."),
        (
            3,
            "wait",
            "1 pair is out; check your private messages. "
            "1 member keeps first priority for next time.",
        ),
    ],
)
def test_the_round_summary_counts_in_words_a_member_reads(
    hub: Hub, members: int, odd: str, said: str
) -> None:
    mock(hub, "boss", f"settings odd:{odd}", admin=True)
    value = _open(hub)
    for number in range(1, members + 1):
        profile(hub, f"u{number}")
        hub.press(actor(f"u{number}"), "mock.join", value)
    assert f"Mock round closed: Onsite coding\n{said}" in _close(hub)


def test_two_members_alone_in_their_roles_keep_first_priority_in_plural(hub: Hub) -> None:
    mock(hub, "boss", 'settings roles:"MLE, SDE"', admin=True)
    value = _open(hub)
    profile(hub, "u1")
    profile(hub, "u2", role="SDE")
    for user in ("u1", "u2"):
        hub.press(actor(user), "mock.join", value)
    assert (
        "Mock round closed: Onsite coding\nNobody could be paired this time. "
        "2 members keep first priority for next time."
    ) in _close(hub)
