"""What each console member sees: the channel's cards, their own private ones, files saved."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.adapters.console import render
from bot.core.cards import Attachment, Button, Message, Visibility, plain

KEEP = 3  # pressable cards each member keeps in view, newest first
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Screen:
    """Prints messages and remembers, per member, the buttons they could press."""

    out: Callable[[str], None]
    files: Path | None = None
    member: str = "alice"
    cards: dict[str, list[Message]] = field(default_factory=dict)  # member -> pressable cards
    shared: list[Message] = field(default_factory=list)  # the channel's pressable cards
    numbered: dict[str, list[Button]] = field(default_factory=dict)  # member -> /press N
    titles: dict[str, str] = field(default_factory=dict)  # message ref -> its title
    saved: int = 0
    day: str = ""
    brief: bool = False  # one line a message (a long `/time` jump), not the whole card
    channel: str = "study"  # where the member types (`/channel`): a reply without one goes here

    def show(self, messages: list[Message], *, to: str | None = None) -> list[str]:
        """Print messages (shown to `to`, the current member by default); return their refs.

        Buttons are numbered per member who sees them: a direct message to someone else
        becomes pressable for them, not for whoever is typing.
        """
        member = to or self.member
        batches: dict[str, list[Button]] = {}
        refs = []
        for message in messages:
            viewer = self._viewer(message, member)
            batch = batches.setdefault(viewer, [])
            if self.brief:
                self._summary(message, member)
            else:
                self.out(f"  ({self._place(message, member)})")
                lines = render.card(message.card, first_button=len(batch) + 1)
                # A file shows inside its card, where the platform would show it.
                self.out("\n".join([*lines[:-1], *self._attach(message), lines[-1]]))
            refs.append(self._ref(message))
            if message.card.buttons:
                self._keep(message, viewer)
                batch.extend(message.card.buttons)
        self.numbered.update({viewer: batch for viewer, batch in batches.items() if batch})
        return refs

    def _summary(self, message: Message, member: str) -> None:
        """Print a message as one line: where, its title, and how many buttons it has."""
        count = len(message.card.buttons)
        pressable = f" ({count} button{'s' * (count != 1)}: /show)" if count else ""
        files = "".join(f" · 📎 {self._save(file)}" for file in message.card.files)
        # A reveal names the card it answers in its title already; the place needs no repeat.
        place = f"#{message.channel or self.channel}, thread" if message.thread_of else None
        where = place or self._place(message, member)
        self.out(f"  {where} · {self._title(message)}{pressable}{files}")

    def dated(self, moment: datetime) -> None:
        """Print a heading when scheduled work happens on a new simulated day."""
        day = f"{moment:%a} {moment.day} {moment:%b}"
        if day != self.day:
            self.day = day
            self.out(f"— {day} —")

    def pressable(self, member: str) -> list[Message]:
        """The cards with buttons a member can see: the channel's, then their own."""
        return [*self.shared, *self.cards.get(member, [])]

    def list_for(self, member: str) -> None:
        """Print, numbered afresh, every button the member can press."""
        batch: list[Button] = []
        for message in self.pressable(member):
            labels = [
                f"[{len(batch) + n}] {b.label}" for n, b in enumerate(message.card.buttons, 1)
            ]
            self.out(
                f"  {self._place(message, member)} · {self._title(message)}: {'  '.join(labels)}"
            )
            batch.extend(message.card.buttons)
        self.numbered[member] = batch

    def _keep(self, message: Message, viewer: str) -> None:
        pile = self.shared if message.visibility is Visibility.CHANNEL else None
        pile = self.cards.setdefault(viewer, []) if pile is None else pile
        pile.insert(0, message)
        del pile[KEEP:]

    @staticmethod
    def _viewer(message: Message, member: str) -> str:
        if message.visibility is Visibility.DIRECT and message.to_member:
            return message.to_member
        return member

    def _place(self, message: Message, member: str) -> str:
        if message.space is not None and message.space.members:
            members = " and ".join(message.space.members)
            return f"new private space “{message.space.name}” for {members}"
        if message.space is not None:
            return "private space, removed after this card"
        if message.visibility is Visibility.EPHEMERAL:
            return "only you see this" if member == self.member else f"only {member} sees this"
        if message.visibility is Visibility.DIRECT:
            return f"direct message to {message.to_member or member}"
        where = f"#{message.channel or self.channel}"
        above = self.titles.get(message.thread_of or "")
        if message.thread_of:
            return f"{where}, in the thread of “{above}”" if above else f"{where}, in a thread"
        return where

    def _title(self, message: Message) -> str:
        return render.text(message.card.title) or plain(message.card.text)[:40] or "a card"

    def _ref(self, message: Message) -> str:
        ref = f"console-{len(self.titles) + 1}"
        self.titles[ref] = self._title(message)
        return ref

    def _attach(self, message: Message) -> list[str]:
        return [
            f"│ 📎 {attachment.description or attachment.filename}: {self._save(attachment)}"
            for attachment in message.card.files
        ]

    def _save(self, attachment: Attachment) -> str:
        """Write the file under the data folder; return its path as a member would type it."""
        if self.files is None:
            return f"{attachment.filename} (not saved)"
        self.saved += 1
        name = _UNSAFE.sub("_", Path(attachment.filename).name) or "file"
        path = self.files / f"{self.saved:03d}-{name}"
        try:
            self.files.mkdir(parents=True, exist_ok=True)
            path.write_bytes(attachment.data)
        except OSError as error:
            return f"{attachment.filename} (could not be saved: {error.strerror or error})"
        here, full = Path.cwd(), path.resolve()
        return str(full.relative_to(here) if full.is_relative_to(here) else path)
