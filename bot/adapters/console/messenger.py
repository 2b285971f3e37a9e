"""Scheduled posts in the console: printed into the transcript as they happen."""

from __future__ import annotations

from collections.abc import Callable

from bot.adapters.console import render
from bot.core.cards import Button, Message
from bot.core.ports import Messenger


class ConsoleMessenger(Messenger):
    """Print each scheduled message; its buttons become pressable with /press."""

    platform = "console"

    def __init__(self, out: Callable[[str], None], shown: Callable[[list[Button]], None]) -> None:
        self.out = out
        self.shown = shown
        self.count = 0

    async def post(self, community_id: str, message: Message) -> str:
        self.count += 1
        where = f"  (scheduled · thread of {message.thread_of})" if message.thread_of else ""
        if where:
            self.out(where)
        self.out(render.message(message))
        if message.card.buttons:
            self.shown(list(message.card.buttons))
        return f"console-{self.count}"
