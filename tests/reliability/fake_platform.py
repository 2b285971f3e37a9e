"""The fake platform the reliability tests run on: JSON-lines logs that every process appends to.

A process writes a line for every message the platform accepts from it ("delivered"), and for
what it claimed, recorded or told a member. Members read the platform back (`Channels`): the
round card a process posted in their channel is the one whose button they press.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from bot.core.cards import Message, plain

JOIN = "mock.join"  # the round card's button
CLOSED = "Mock round closed"  # the title of the card that ends a round


class Log:
    """Append JSON lines to a file that several processes share; each line is on disk first."""

    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def write(self, event: str, **fields: object) -> None:
        line = json.dumps({"event": event, "pid": os.getpid(), **fields}) + "\n"
        os.write(self.fd, line.encode())  # one write with O_APPEND: lines never interleave
        os.fsync(self.fd)


def shown(message: Message) -> dict[str, Any]:
    """What a delivered message shows, as the log keeps it: where, title, text and buttons."""
    return {
        "to": message.channel or message.to_member,
        "title": plain(message.card.title),
        "text": plain(message.card.text),
        "thread_of": message.thread_of,
        "buttons": [
            {"label": b.label, "action": b.action, "value": b.value} for b in message.card.buttons
        ],
    }


class Channels:
    """The channels as a member sees them: every message any process delivered there."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.read = dict.fromkeys(paths, 0)  # bytes of each log read so far
        self.rounds: dict[tuple[str, str], str] = {}  # (community, channel) -> its round's id
        self.closed: set[tuple[str, str]] = set()

    def open_round(self, community: str, channel: str) -> str | None:
        """Return the id the Join button of an open round's card carries, if one is showing."""
        self._catch_up()
        where = (community, channel)
        return None if where in self.closed else self.rounds.get(where)

    def _catch_up(self) -> None:
        for path, offset in self.read.items():
            try:
                with open(path, "rb") as log:
                    log.seek(offset)
                    fresh = log.read()
            except FileNotFoundError:
                continue
            whole = fresh[: fresh.rfind(b"\n") + 1]  # a line still being written waits
            self.read[path] = offset + len(whole)
            for line in whole.splitlines():
                self._see(json.loads(line))

    def _see(self, line: dict[str, Any]) -> None:
        if line["event"] != "delivered":
            return
        where = (line["community_ref"], line["to"])
        for button in line["buttons"]:
            if button["action"] == JOIN:
                self.rounds[where] = button["value"]
        if line["title"].startswith(CLOSED):
            self.closed.add(where)
