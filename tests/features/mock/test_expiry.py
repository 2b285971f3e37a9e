"""A mock nobody confirmed 48 hours after its proposed time closes; its members are asked."""

from __future__ import annotations

from datetime import timedelta

from bot.app.hub import Hub
from bot.core.cards import Message
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.mock.flow import (
    FEEDBACK,
    STARTS,
    agreed,
    card_text,
    done,
    mock,
    points,
    request,
    text_of,
)

STALE = STARTS + timedelta(hours=48)


async def _tick(hub: Hub, clock: FakeClock) -> list[Message]:
    """Run the scheduler once; return the messages it sent."""
    messenger = FakeMessenger("console")
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    return [m for _, m in messenger.sent]


def _to(sent: list[Message], user: str) -> Message:
    [message] = [m for m in sent if m.to_member == user]
    return message


def _answer(hub: Hub, user: str, sent: list[Message], label: str) -> str:
    button = next(b for b in _to(sent, user).card.buttons if b.label == label)
    reply = hub.press(actor(user), button.action, button.value)
    if reply.modal is None:
        return text_of(reply)
    fields = {f"s{i}": "3" for i in range(4)} | {"comment": FEEDBACK}
    return text_of(hub.submit(actor(user), reply.modal.action, reply.modal.value, fields))


async def test_a_mock_closes_48_hours_after_its_time_once_and_both_are_asked(
    hub: Hub, clock: FakeClock
) -> None:
    agreed(hub)
    clock.set(STARTS + timedelta(hours=3))
    await _tick(hub, clock)  # the feedback nudges (test_followup.py)
    clock.set(STALE - timedelta(minutes=1))
    assert await _tick(hub, clock) == []
    clock.set(STALE)
    sent = await _tick(hub, clock)
    assert sorted(m.to_member or "" for m in sent) == ["u1", "u2"]
    asked = card_text(_to(sent, "u2").card)
    assert (
        "Did you meet?\nYour mock interview with u1, planned for Tue 1 Dec, 12:00 "
        "(America/New_York), is closed: it was not confirmed within 48 hours. Did you meet?"
        in asked
    )
    assert [b.label for b in _to(sent, "u1").card.buttons] == [
        "Yes, give feedback",
        "No, we didn't meet",
    ]
    assert await _tick(hub, clock) == []


async def test_a_closed_mock_leaves_status_and_both_may_request_again(
    hub: Hub, clock: FakeClock
) -> None:
    agreed(hub)
    clock.set(STALE + timedelta(days=5))
    await _tick(hub, clock)
    for user in ("u1", "u2"):
        assert "Not in the queue." in text_of(mock(hub, user, "status"))
    assert "You are in the mock queue." in text_of(request(hub, "u1"))
    assert "You are already paired" not in text_of(request(hub, "u2", "round:ml_depth"))


async def test_yes_from_both_counts_as_done_with_completion_points_once(
    hub: Hub, clock: FakeClock
) -> None:
    agreed(hub)
    clock.set(STALE)
    sent = await _tick(hub, clock)
    _answer(hub, "u1", sent, "Yes, give feedback")
    thanks = _answer(hub, "u2", sent, "Yes, give feedback")
    assert "Everyone confirmed the mock: +30 points." in thanks
    assert _answer(hub, "u2", sent, "Yes, give feedback")  # sending again updates the feedback
    assert (points(hub, "u1", "mock_completed"), points(hub, "u2", "mock_completed")) == (30, 30)


async def test_no_closes_it_with_no_points_lost_and_then_yes_is_refused(
    hub: Hub, clock: FakeClock
) -> None:
    agreed(hub)
    clock.set(STALE)
    sent = await _tick(hub, clock)
    asked = hub.press(actor("u1"), "mock.unmet", _to(sent, "u1").card.buttons[1].value)
    [could_not] = [b for b in asked.messages[0].card.buttons if b.label == "I couldn't make it"]
    assert (
        "Thanks for telling me. Nobody loses points for this one; next time, `/mock cancel` "
        "tells your partner in time. `/mock request` finds you a new partner."
        in text_of(hub.press(actor("u1"), could_not.action, could_not.value))
    )
    assert "That mock is not one of yours any more." in _answer(
        hub, "u1", sent, "Yes, give feedback"
    )
    assert points(hub, "u1") == 0


async def test_a_member_who_confirmed_is_told_and_only_the_other_is_asked(
    hub: Hub, clock: FakeClock
) -> None:
    agreed(hub)
    clock.set(STARTS)
    done(hub, "u1")
    clock.set(STALE)
    sent = await _tick(hub, clock)
    assert card_text(_to(sent, "u1").card).startswith(
        "Your mock is closed\nYour mock interview planned for Tue 1 Dec, 18:00 (Europe/Paris) "
        "is closed: u2 did not confirm it within 48 hours."
    )
    assert _to(sent, "u2").card.title == "Did you meet?"
    thanks = _answer(hub, "u2", sent, "Yes, give feedback")
    assert "Everyone confirmed the mock: +30 points." in thanks
    assert points(hub, "u1", "mock_completed") == 30


async def test_a_completed_mock_never_closes_as_stale(hub: Hub, clock: FakeClock) -> None:
    agreed(hub)
    clock.set(STARTS)
    done(hub, "u1")
    done(hub, "u2")
    clock.set(STALE)
    assert await _tick(hub, clock) == []
