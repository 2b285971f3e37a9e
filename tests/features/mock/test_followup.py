"""Two hours after a mock, one nudge to give feedback: once, outside quiet hours, if wanted."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, delete

from bot.app.hub import Hub
from bot.core.cards import Message
from bot.scheduling.delivery import JobRunner
from bot.scheduling.tables import JobClaim
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.mock.flow import (
    FEEDBACK,
    STARTS,
    agreed,
    card_text,
    done,
    points,
    profile,
    text_of,
)

NUDGE = STARTS + timedelta(hours=2)


async def tick(hub: Hub, clock: FakeClock) -> list[Message]:
    """Run the scheduler once, as a freshly started process would; return what it sent."""
    messenger = FakeMessenger("console")
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    return [m for _, m in messenger.sent]


def nudged(sent: list[Message]) -> list[str]:
    return sorted(m.to_member or "" for m in sent if m.card.title == "How did your mock go?")


async def test_both_members_are_nudged_two_hours_after_the_mock_once(
    hub: Hub, clock: FakeClock
) -> None:
    agreed(hub)
    clock.set(NUDGE - timedelta(minutes=1))
    assert await tick(hub, clock) == []
    clock.set(NUDGE)
    sent = await tick(hub, clock)
    assert nudged(sent) == ["u1", "u2"]
    [to_u2] = [m for m in sent if m.to_member == "u2"]
    shown = card_text(to_u2.card)
    assert (
        "How did your mock interview with u1 on Tue 1 Dec, 12:00 (America/New_York) go? Give "
        "them your feedback while it is fresh" in shown
    )
    assert "If nobody confirms it by Thu 3 Dec, 12:00 (America/New_York), it closes" in shown
    assert "Reminders like this one: `/profile set reminders:off`." in shown
    assert [b.label for b in to_u2.card.buttons] == ["Give feedback", "Partner didn't show"]
    clock.set(NUDGE + timedelta(hours=5))
    assert await tick(hub, clock) == []  # a restarted process sends nothing again


async def test_the_nudge_button_opens_the_form_and_completes_the_mock(
    hub: Hub, clock: FakeClock
) -> None:
    agreed(hub)
    clock.set(NUDGE)
    sent = await tick(hub, clock)
    for user in ("u1", "u2"):
        [message] = [m for m in sent if m.to_member == user]
        button = message.card.buttons[0]
        opened = hub.press(actor(user), button.action, button.value)
        assert opened.modal is not None
        fields = {f"s{i}": "3" for i in range(4)} | {"comment": FEEDBACK}
        reply = hub.submit(actor(user), opened.modal.action, opened.modal.value, fields)
    assert "Everyone confirmed the mock: +30 points." in text_of(reply)
    assert (points(hub, "u1"), points(hub, "u2")) == (40, 40)


async def test_a_member_who_gave_feedback_is_not_nudged(hub: Hub, clock: FakeClock) -> None:
    agreed(hub)
    clock.set(STARTS + timedelta(minutes=30))
    done(hub, "u1")
    clock.set(NUDGE)
    assert nudged(await tick(hub, clock)) == ["u2"]


async def test_a_member_with_reminders_off_is_not_nudged(hub: Hub, clock: FakeClock) -> None:
    agreed(hub)
    hub.command_text(actor("u2"), "profile", "set reminders:off")
    clock.set(NUDGE)
    assert nudged(await tick(hub, clock)) == ["u1"]


async def test_the_nudge_waits_until_morning_in_the_members_zone(
    hub: Hub, clock: FakeClock
) -> None:
    agreed(hub)
    profile(hub, "u1", zone="Asia/Tokyo")  # 19:00 UTC is 04:00 in Tokyo: quiet hours
    clock.set(NUDGE)
    assert nudged(await tick(hub, clock)) == ["u2"]
    clock.set(STARTS + timedelta(hours=5, minutes=59))  # 07:59 in Tokyo
    assert await tick(hub, clock) == []
    clock.set(STARTS + timedelta(hours=6))  # 08:00 in Tokyo
    sent = await tick(hub, clock)
    assert nudged(sent) == ["u1"]
    assert "on Wed 2 Dec, 02:00 (Asia/Tokyo) go?" in card_text(sent[0].card)


async def test_no_nudge_reaches_a_mock_that_was_called_off(hub: Hub, clock: FakeClock) -> None:
    agreed(hub)
    hub.command_text(actor("u1"), "mock", "cancel")
    clock.set(NUDGE)
    assert nudged(await tick(hub, clock)) == []


async def test_a_nudge_is_never_sent_twice_even_if_its_claim_is_lost(
    hub: Hub, clock: FakeClock
) -> None:
    """The seat remembers the nudge, so even a process that lost the claim rows sends none."""
    agreed(hub)
    clock.set(NUDGE)
    assert len(nudged(await tick(hub, clock))) == 2
    with Session(hub.engine) as session:
        session.exec(delete(JobClaim))  # type: ignore[call-overload]
        session.commit()
    clock.set(NUDGE + timedelta(minutes=1))
    assert nudged(await tick(hub, clock)) == []
