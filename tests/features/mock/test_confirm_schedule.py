"""After the time is agreed or not: reminders at -24 h and -1 h, quiet hours, the 24-hour release.

Every tick here is a freshly started scheduler (a restart); two at once are two processes.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.app.hub import Hub
from bot.core.cards import Message, Reply
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.mock.confirm_flow import ANNOUNCED, card_of, labels, press, tick
from tests.features.mock.flow import STARTS, card_text, mock, pair, text_of

THURSDAY = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)  # 18:00 Paris, 12:00 New York
THURSDAY_LABEL = "Thu 3 Dec, 12:00 (America/New_York)"


def _agree_thursday(hub: Hub) -> Reply:
    """u2 asks for Thursday instead; u1 accepts: confirmed on Tuesday 09:00 UTC."""
    paired = pair(hub)
    offered = press(hub, "u2", card_of(paired, "u2", ANNOUNCED), "Another time")
    asked = press(hub, "u2", offered.messages[0], THURSDAY_LABEL)
    return press(hub, "u1", card_of(asked, "u1", "Another time for your mock interview"), "Accept")


def _to(sent: list[Message], user: str) -> list[str]:
    return [card_text(m.card) for m in sent if m.to_member == user]


async def test_both_are_reminded_24_hours_and_1_hour_before_once_each(
    hub: Hub, clock: FakeClock
) -> None:
    _agree_thursday(hub)
    clock.set(THURSDAY - timedelta(hours=24, minutes=1))
    assert await tick(hub, clock) == []
    clock.set(THURSDAY - timedelta(hours=24))
    sent = await tick(hub, clock)
    [u1] = _to(sent, "u1")
    assert u1.startswith(
        "Mock interview in 24 hours\nYou meet u2 at Thu 3 Dec, 18:00 (Europe/Paris). "
        "u2 interviews you first."
    )
    assert "`/profile set reminders:off` turns these reminders off." in u1
    [u2] = _to(sent, "u2")
    assert "at Thu 3 Dec, 12:00 (America/New_York). You interview u1 first." in u2
    assert [labels(m) for m in sent] == [["Interviewer packet"]] * 2
    assert await tick(hub, clock) == []  # a restart sends nothing twice
    clock.set(THURSDAY - timedelta(hours=1))
    sent = await tick(hub, clock)
    assert sorted(m.to_member or "" for m in sent) == ["u1", "u2"]
    assert all(m.card.title == "Mock interview in 1 hour" for m in sent)
    clock.advance(minutes=30)
    assert await tick(hub, clock) == []


async def test_the_reminder_packet_button_shows_the_packet(hub: Hub, clock: FakeClock) -> None:
    _agree_thursday(hub)
    clock.set(THURSDAY - timedelta(hours=1))
    [letter] = [m for m in await tick(hub, clock) if m.to_member == "u2"]
    shown = press(hub, "u2", letter, "Interviewer packet")
    assert str(shown.messages[0].card.title).startswith("Interviewer packet: Onsite coding")


async def test_a_member_who_turned_reminders_off_gets_none(hub: Hub, clock: FakeClock) -> None:
    _agree_thursday(hub)
    hub.command_text(actor("u1"), "profile", "set reminders:off")
    for before in (24, 1):
        clock.set(THURSDAY - timedelta(hours=before))
        assert [m.to_member for m in await tick(hub, clock)] == ["u2"]


async def test_two_processes_at_the_same_moment_send_each_reminder_once(
    hub: Hub, clock: FakeClock
) -> None:
    _agree_thursday(hub)
    clock.set(THURSDAY - timedelta(hours=1))
    messengers = [FakeMessenger("console"), FakeMessenger("console")]
    runners = [JobRunner(hub.engine, clock, {"console": m}) for m in messengers]
    await asyncio.gather(*(r.tick() for r in runners))
    sent = [m.to_member for messenger in messengers for _, m in messenger.sent]
    assert sorted(sent) == ["u1", "u2"]  # type: ignore[type-var]


async def test_a_time_confirmed_within_the_day_gets_only_the_1_hour_reminder(
    hub: Hub, clock: FakeClock
) -> None:
    paired = pair(hub)  # proposed for Tuesday 17:00 UTC, 8 hours ahead
    press(hub, "u1", card_of(paired, "u1", ANNOUNCED), "Accept")
    press(hub, "u2", card_of(paired, "u2", ANNOUNCED), "Accept")
    clock.set(STARTS - timedelta(hours=2))
    assert await tick(hub, clock) == []
    clock.set(STARTS - timedelta(hours=1))
    assert len(await tick(hub, clock)) == 2


async def test_reminders_wait_out_quiet_hours_except_the_last_hour(
    hub: Hub, clock: FakeClock
) -> None:
    paired = pair(hub)
    offered = press(hub, "u1", card_of(paired, "u1", ANNOUNCED), "Another time")
    modal = press(hub, "u1", offered.messages[0], "Suggest your own").modal
    assert modal is not None
    asked = hub.submit(actor("u1"), modal.action, modal.value, {"when": "thu 07:30"})
    press(hub, "u2", card_of(asked, "u2", "Another time for your mock interview"), "Accept")
    start = datetime(2026, 12, 3, 6, 30, tzinfo=UTC)  # 07:30 Paris, 01:30 New York
    clock.set(start - timedelta(hours=24))  # 07:30 Paris, 01:30 New York: both asleep
    assert await tick(hub, clock) == []
    clock.set(datetime(2026, 12, 2, 7, 0, tzinfo=UTC))  # 08:00 in Paris
    assert [m.to_member for m in await tick(hub, clock)] == ["u1"]
    clock.set(datetime(2026, 12, 2, 12, 59, tzinfo=UTC))
    assert await tick(hub, clock) == []
    clock.set(datetime(2026, 12, 2, 13, 0, tzinfo=UTC))  # 08:00 in New York
    [woke] = await tick(hub, clock)
    assert (woke.to_member, woke.card.title) == ("u2", "Mock interview in 18 hours")
    clock.set(start - timedelta(hours=1))  # 06:30 Paris and 00:30 New York: it goes anyway
    assert sorted(m.to_member or "" for m in await tick(hub, clock)) == ["u1", "u2"]


async def test_a_pairing_nobody_accepts_is_released_and_both_go_first_in_the_queue(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)  # answer by the proposed time itself: it is 8 hours away
    clock.set(STARTS - timedelta(minutes=1))
    assert await tick(hub, clock) == []
    clock.set(STARTS)
    sent = await tick(hub, clock)
    [told] = _to(sent, "u1")
    assert told == (
        "Back in the mock queue, first in line\nNobody accepted a time for your mock with u2 "
        "by Tue 1 Dec, 18:00 (Europe/Paris), so the pairing is released. You are back at the "
        "front of the queue.\n`/mock status` shows where you are · `/mock cancel` leaves the queue"
    )
    assert "by Tue 1 Dec, 12:00 (America/New_York)" in _to(sent, "u2")[0]
    assert await tick(hub, clock) == []
    for user in ("u1", "u2"):
        assert "You are first in line." in text_of(mock(hub, user, "status"))


async def test_only_whoever_accepted_goes_back_first_in_line(hub: Hub, clock: FakeClock) -> None:
    paired = pair(hub)
    press(hub, "u1", card_of(paired, "u1", ANNOUNCED), "Accept")
    clock.set(STARTS)
    sent = await tick(hub, clock)
    assert "u2 had not accepted the time by Tue 1 Dec, 18:00 (Europe/Paris)" in _to(sent, "u1")[0]
    assert _to(sent, "u2") == [
        "Your mock pairing is released\nYou had not accepted a time for your mock with u1 by "
        "Tue 1 Dec, 12:00 (America/New_York), so the pairing is released and your partner went "
        "back to the front of the queue.\n`/mock request` when you are ready for a new partner."
    ]
    assert "Not in the queue." in text_of(mock(hub, "u2", "status"))
    late = press(hub, "u2", card_of(paired, "u2", ANNOUNCED), "Accept")
    assert "That mock is not one of yours any more." in text_of(late)


async def test_a_new_proposal_gives_24_hours_from_when_it_was_made(
    hub: Hub, clock: FakeClock
) -> None:
    _agree_thursday(hub)  # confirmed: never released
    other = pair(hub, "u3", "u4")
    clock.advance(hours=1)
    offered = press(hub, "u4", card_of(other, "u4", ANNOUNCED), "Another time")
    press(hub, "u4", offered.messages[0], "Wed 2 Dec, 12:00 (America/New_York)")
    clock.set(datetime(2026, 12, 2, 9, 59, tzinfo=UTC))
    assert await tick(hub, clock) == []
    clock.set(datetime(2026, 12, 2, 10, 0, tzinfo=UTC))
    sent = await tick(hub, clock)
    assert sorted(m.to_member or "" for m in sent) == ["u3", "u4"]
    assert "u3 had not accepted the time" in _to(sent, "u4")[0]


async def test_members_who_ignore_two_pairings_in_a_row_leave_the_queue(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    clock.set(STARTS)
    await tick(hub, clock)  # nobody accepted: both back, first in line
    for minutes in range(0, 36 * 60, 180):  # the 24-hour wait pairs them again
        clock.set(STARTS + timedelta(minutes=minutes))
        again = [m for m in await tick(hub, clock) if m.card.title == ANNOUNCED]
        if again:
            break
    assert sorted(m.to_member or "" for m in again) == ["u1", "u2"]
    released: list[Message] = []
    for _ in range(16):  # nobody answers this one either
        clock.advance(minutes=180)
        released += await tick(hub, clock)
        if released:
            break
    [told] = _to(released, "u1")
    assert told.startswith("Your mock pairing is released\nNobody accepted a time for your mock")
    assert "your last pairing was released unanswered too, so I took you out of the queue" in told
    assert told.endswith("`/mock request` when you are ready for a new partner.")
    for user in ("u1", "u2"):
        assert "Not in the queue." in text_of(mock(hub, user, "status"))
    clock.advance(days=2)
    assert await tick(hub, clock) == []  # nobody is paired a third time
