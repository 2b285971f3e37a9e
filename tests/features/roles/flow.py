"""A community with role rewards, lived through day by day with the injected clock."""

from __future__ import annotations

from datetime import datetime

from bot.app.hub import Hub
from bot.core.cards import Message, Reply, plain
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger

BOSS = actor("boss", admin=True)
FIX = "Role rewards need a fix"


def roles(hub: Hub, text: str, who: str = "boss") -> Reply:
    """Run `/roles …` as an admin (or as `who`, a member)."""
    return hub.command_text(actor(who, admin=who == "boss"), "roles", text)


def said(reply: Reply) -> str:
    """Everything a reply's first card says."""
    card = reply.messages[0].card
    parts = [plain(card.title), plain(card.text)]
    parts += [f"{plain(f.name)}: {plain(f.value)}" for f in card.fields]
    return "\n".join([*parts, plain(card.footer)])


async def day(hub: Hub, clock: FakeClock, moment: datetime, messenger: FakeMessenger) -> None:
    """Tick the scheduler at a moment and a minute later: the daily check, then its changes."""
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    clock.set(moment)
    await runner.tick()
    clock.advance(minutes=1)
    await runner.tick()


def holders(messenger: FakeMessenger, role: str) -> set[str]:
    return messenger.holders(role)


def fixes(messenger: FakeMessenger) -> list[Message]:
    """The direct messages telling the admin a reward needs a fix."""
    return [m for _, m in messenger.sent if plain(m.card.title) == FIX]
