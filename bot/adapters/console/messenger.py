"""Scheduled posts in the console: printed into the transcript as they happen."""

from __future__ import annotations

from bot.adapters.console.screen import Screen
from bot.core.cards import Message, RoleChange, Visibility
from bot.core.clock import Clock
from bot.core.ports import Messenger


class ConsoleMessenger(Messenger):
    """Print each scheduled message under its simulated day; its buttons become pressable."""

    platform = "console"

    def __init__(self, screen: Screen, clock: Clock) -> None:
        self.screen = screen
        self.clock = clock

    async def post(self, community_id: str, message: Message) -> str:
        self.screen.dated(self.clock.now())
        to = message.to_member if message.visibility is Visibility.DIRECT else None
        return self.screen.show([message], to=to)[0]

    async def change_role(self, community_id: str, change: RoleChange) -> str:
        """Roles are simulated: say which one changed hands."""
        self.screen.dated(self.clock.now())
        who = change.member_name or change.member
        done = "given to" if change.give else "taken from"
        self.screen.out(f"  (role {change.role_name or change.role} {done} {who})")
        return f"role:{change.role}:{change.member}"
