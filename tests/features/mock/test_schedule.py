"""Mock rounds on the scheduler: a sprint's plan opens the round, the closing time pairs it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app.hub import Hub
from bot.core.cards import Visibility, plain
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.mock.flow import card_text, mock, profile

ADMIN = actor("boss", admin=True)


async def test_a_planned_mock_round_opens_once_and_pairs_everyone_when_it_closes(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 6, 12, tzinfo=UTC))
    started = hub.command_text(ADMIN, "sprint", "start Winter start:2026-12-07 weeks:4")
    assert started.messages[0].visibility is Visibility.CHANNEL, plain(
        started.messages[0].card.text
    )
    messenger = FakeMessenger("console")
    runner = JobRunner(hub.engine, clock, {"console": messenger})

    clock.set(datetime(2026, 12, 12, 10, tzinfo=UTC))  # the first Saturday: a phone-screen round
    await runner.tick()
    await runner.tick()  # a second tick (or process) posts nothing twice
    cards = [m for _, m in messenger.sent if plain(m.card.title).startswith("Mock round")]
    assert [plain(m.card.title) for m in cards] == ["Mock round: Phone screen"]
    join = cards[0].card.buttons[0]

    for user in ("u1", "u2"):
        profile(hub, user)
        assert "See you there!" in card_text(
            hub.press(actor(user), join.action, join.value).messages[0].card
        )
    clock.set(datetime(2026, 12, 13, 10, 30, tzinfo=UTC))
    await runner.tick()
    direct = [m for _, m in messenger.sent if m.visibility is Visibility.DIRECT]
    assert sorted({m.to_member for m in direct}) == ["u1", "u2"]
    closed = [
        plain(m.card.text)
        for _, m in messenger.sent
        if plain(m.card.title).startswith("Mock round closed")
    ]
    assert closed == ["1 pair is out; check your private messages."]
    assert "Paired with u2" in card_text(mock(hub, "u1", "status").messages[0].card)


async def test_rounds_of_a_platform_this_process_does_not_serve_are_left_alone(
    hub: Hub, clock: FakeClock
) -> None:
    mock(hub, "boss", "round round:ml_depth hours:1", admin=True)
    clock.advance(hours=2)
    runner = JobRunner(hub.engine, clock, {"discord": FakeMessenger("discord")})
    assert await runner.tick() == 0
    assert "A mock round is already open in this channel." in card_text(
        mock(hub, "boss", "round round:ml_depth", admin=True).messages[0].card
    )
