"""The optional private space of a confirmed pair: opened at its time, removed a day later."""

from __future__ import annotations

from datetime import timedelta

from bot.app.hub import Hub
from bot.core.cards import Message
from bot.scheduling.delivery import JobRunner
from tests.fakes import FakeClock, FakeMessenger
from tests.features.mock.confirm_flow import ANNOUNCED, card_of, press
from tests.features.mock.flow import STARTS, card_text, mock, pair, text_of


def _confirmed(hub: Hub, first: str = "u1", second: str = "u2") -> None:
    paired = pair(hub, first, second)
    press(hub, first, card_of(paired, first, ANNOUNCED), "Accept")
    press(hub, second, card_of(paired, second, ANNOUNCED), "Accept")


async def _tick(
    hub: Hub, clock: FakeClock, messenger: FakeMessenger | None = None
) -> list[Message]:
    messenger = messenger or FakeMessenger("console")
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    return [m for _, m in messenger.sent]


def test_only_an_admin_turns_private_spaces_on(hub: Hub) -> None:
    assert "admin" in text_of(mock(hub, "u1", "settings space:on")).lower()
    shown = text_of(mock(hub, "boss", "settings space:on", admin=True))
    assert (
        "Private space for each pair: on: at the confirmed time each pair gets a private thread "
        "(Discord, under the channel where it was turned on) or a group DM (Slack), removed a "
        "day later" in shown
    )
    assert "Private space for each pair: off: pairs meet by direct message" in text_of(
        mock(hub, "boss", "settings space:off", admin=True)
    )


async def test_a_confirmed_pair_gets_a_space_at_its_time_removed_a_day_later(
    hub: Hub, clock: FakeClock
) -> None:
    mock(hub, "boss", "settings space:on", admin=True)
    _confirmed(hub)
    clock.set(STARTS - timedelta(minutes=1))
    assert [m for m in await _tick(hub, clock) if m.space] == []
    clock.set(STARTS)
    [opened] = await _tick(hub, clock)
    assert opened.space is not None and opened.space.members == ("u2", "u1")
    assert opened.channel == "c1"  # under the channel where the admin turned it on
    assert card_text(opened.card).startswith(
        "Your mock interview space\nu2 and u1: this private space is yours for your mock "
        "interview, which starts now."
    )
    assert "Order: 1. u2 interviews u1 (Onsite coding)\n2. u1 interviews u2 (ML depth)" in (
        card_text(opened.card)
    )
    assert await _tick(hub, clock) == []
    clock.set(STARTS + timedelta(days=1, minutes=-1))
    assert await _tick(hub, clock) == []
    clock.set(STARTS + timedelta(days=1))
    [closed] = await _tick(hub, clock)
    assert closed.space is not None and closed.space.ref == "msg-1"
    assert closed.card.title == "This mock space closes now"
    clock.advance(hours=1)
    assert await _tick(hub, clock) == []


async def test_without_the_setting_no_space_is_made(hub: Hub, clock: FakeClock) -> None:
    _confirmed(hub)
    clock.set(STARTS)
    assert [m for m in await _tick(hub, clock) if m.space] == []


async def test_without_permission_the_pair_meets_by_dm_and_the_admin_is_told_once(
    hub: Hub, clock: FakeClock
) -> None:
    mock(hub, "boss", "settings space:on", admin=True)
    _confirmed(hub)
    _confirmed(hub, "u3", "u4")
    clock.set(STARTS)
    refusing = FakeMessenger("console")
    refusing.no_spaces = True
    sent = await _tick(hub, clock, refusing)
    to = sorted(m.to_member or "" for m in sent)
    assert to == ["boss", "u1", "u2", "u3", "u4"]
    [told] = [m for m in sent if m.to_member == "boss"]
    assert "missing permission to create private threads" in card_text(told.card)
    assert "`/mock settings space:off`" in card_text(told.card)
    [dm] = [m for m in sent if m.to_member == "u1"]
    assert card_text(dm.card).startswith(
        "Your mock interview starts now\nI could not open a private space for you, so meet by "
        "direct message: u2 and u1."
    )
