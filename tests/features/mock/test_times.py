"""Mock times: a channel card in its sprint's zone, a private message in the member's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from bot.app.hub import Hub
from bot.core.cards import plain
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.mock.flow import card_text, mock, pair, profile, text_of, to

ADMIN = actor("boss", admin=True)


def _berlin_sprint(hub: Hub, clock: FakeClock) -> None:
    clock.set(datetime(2026, 12, 6, 12, tzinfo=UTC))
    hub.command_text(ADMIN, "sprint", "start Winter start:2026-12-07 timezone:Europe/Berlin")


async def test_a_sprint_rounds_card_shows_its_closing_time_in_the_sprints_zone(
    hub: Hub, clock: FakeClock
) -> None:
    _berlin_sprint(hub, clock)
    messenger = FakeMessenger("console")
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    clock.set(datetime(2026, 12, 12, 8, tzinfo=UTC))  # Saturday 09:00 in Berlin
    await runner.tick()
    [card] = [m.card for _, m in messenger.sent if plain(m.card.title).startswith("Mock round")]
    assert plain(card.footer).startswith("RSVPs close Sun 13 Dec, 09:00 (Europe/Berlin)")


def test_a_round_an_admin_opens_in_a_sprint_channel_uses_the_sprints_zone(
    hub: Hub, clock: FakeClock
) -> None:
    _berlin_sprint(hub, clock)
    card = mock(hub, "boss", "round round:ml_depth hours:2", admin=True).messages[0].card
    assert plain(card.footer).startswith("RSVPs close Sun 6 Dec, 15:00 (Europe/Berlin)")


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("Europe/Paris", "Sun 6 Dec, 15:00 (Europe/Paris)"),
        ("America/New_York", "Sun 6 Dec, 09:00 (America/New_York)"),
        ("Asia/Kolkata", "Sun 6 Dec, 19:30 (Asia/Kolkata)"),
    ],
)
def test_joining_a_round_tells_its_closing_time_in_the_members_zone(
    hub: Hub, clock: FakeClock, zone: str, shown: str
) -> None:
    _berlin_sprint(hub, clock)
    value = mock(hub, "boss", "round round:ml_depth hours:2", admin=True).messages[0].card
    profile(hub, "u1", zone=zone, hours="")
    joined = hub.press(actor("u1"), "mock.join", value.buttons[0].value)
    assert f"Pairs go out when it closes, {shown}." in text_of(joined)
    assert f"A mock round closes {shown}: you are part of it." in card_text(
        mock(hub, "u1", "request round:ml_depth").messages[0].card
    )


@pytest.mark.parametrize(
    ("user", "shown"),
    [
        ("u1", "Proposed time: Tue 1 Dec, 18:00 (Europe/Paris)."),
        ("u2", "Proposed time: Tue 1 Dec, 12:00 (America/New_York)."),
    ],
)
def test_each_members_calendar_invite_names_the_time_in_their_own_zone(
    hub: Hub, user: str, shown: str
) -> None:
    invite = to(pair(hub), user)[0].card.files[0]
    event = Calendar.from_ical(invite.data).walk("VEVENT")[0]
    assert shown in str(event.get("description"))
    assert event.decoded("dtstart") == datetime(2026, 12, 1, 17, tzinfo=UTC)
