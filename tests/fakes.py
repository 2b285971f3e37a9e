"""Fakes for the ports the services use; each is a real subclass of its port."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.cards import Message
from bot.core.clock import Clock
from bot.core.ports import DeliveryError, Messenger


class FakeClock(Clock):
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.current = moment


class FakeMessenger(Messenger):
    """Records every message; channels listed in `broken` fail like a deleted channel."""

    def __init__(self, platform: str = "console") -> None:
        self.platform = platform
        self.sent: list[tuple[str, Message]] = []
        self.broken: set[str] = set()

    async def post(self, community_id: str, message: Message) -> str:
        if message.channel in self.broken:
            raise DeliveryError(f"channel {message.channel} is gone")
        self.sent.append((community_id, message))
        return f"msg-{len(self.sent)}"
