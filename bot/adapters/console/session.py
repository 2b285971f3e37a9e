"""A local study channel in the terminal: a few members, one admin, commands typed as lines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from bot.adapters.console import render
from bot.adapters.console.clock import ConsoleClock
from bot.core.actors import Actor
from bot.core.cards import Button, Modal, Reply, UserText, rich
from bot.services.hub import Hub

COMMUNITY = "local"
CHANNEL = "study"
MEMBERS = {"alice": True, "bob": False, "carol": False}  # name -> is admin

CONSOLE_HELP = """Console commands:
  /as NAME      act as another member ({members})
  /press N      press button N of the cards shown last
  /time [+Nd|+Nh|+Nm]   show the console's clock, or move it forward (scheduled posts follow)
  /help         this help and every bot command
  /quit         leave (end of input works too)"""


@dataclass
class ConsoleSession:
    hub: Hub
    out: Callable[[str], None]
    clock: ConsoleClock
    member: str = "alice"
    buttons: list[Button] = field(default_factory=list)

    def remember_buttons(self, buttons: list[Button]) -> None:
        """Make buttons of a scheduled post pressable."""
        self.buttons = buttons

    def actor(self) -> Actor:
        return Actor(
            platform="console",
            community_id=COMMUNITY,
            community_name="Local study group",
            user_id=self.member,
            display_name=self.member.title(),
            channel_id=CHANNEL,
            is_admin=MEMBERS[self.member],
        )

    def handle(self, line: str, lines: Iterator[str]) -> None:
        """Handle one typed line (more lines are read when a form opens)."""
        if not line:
            return
        if not line.startswith("/"):
            self.out("  Commands start with /. Type /help to see them.")
            return
        word, _, rest = line[1:].partition(" ")
        word = word.lower()
        if word == "help":
            self.out(
                CONSOLE_HELP.format(members=", ".join(MEMBERS)) + "\n\n" + self.hub.help_text()
            )
        elif word == "as":
            self._switch(rest.strip().lower())
        elif word == "press":
            self._press(rest.strip(), lines)
        elif word == "time":
            self._time(rest.strip())
        else:
            self.show(self.hub.command_text(self.actor(), word, rest), lines)

    def _switch(self, name: str) -> None:
        if name not in MEMBERS:
            self.out(f"  No member called that here. Members: {', '.join(MEMBERS)}.")
            return
        self.member = name
        self.buttons = []
        role = " (admin)" if MEMBERS[name] else ""
        self.out(f"  You are now {name}{role}.")

    def _time(self, step: str) -> None:
        if step and not self.clock.travel(step):
            self.out("  Move the clock forward with /time +1d, /time +3h or /time +30m.")
            return
        self.out(f"  It is now {self.clock.now():%Y-%m-%d %H:%M} UTC.")

    def _press(self, raw: str, lines: Iterator[str]) -> None:
        # isdecimal, not isdigit: int() refuses "²"; and a few digits at most, not 5,000.
        if not (raw.isdecimal() and len(raw) <= 3) or not 1 <= int(raw) <= len(self.buttons):
            self.out(
                f"  Press a button by its number: /press 1 to /press {max(len(self.buttons), 1)}."
            )
            return
        button = self.buttons[int(raw) - 1]
        self.show(self.hub.press(self.actor(), button.action, button.value), lines)

    def show(self, reply: Reply, lines: Iterator[str]) -> None:
        """Print a reply's messages, then fill in its form if it opened one."""
        shown: list[Button] = []
        for message in reply.messages:
            self.out(render.message(message, first_button=len(shown) + 1))
            shown.extend(message.card.buttons)
        if shown:
            self.buttons = shown
        if reply.modal is not None:
            self._fill(reply.modal, lines)

    def _fill(self, modal: Modal, lines: Iterator[str]) -> None:
        self.out(f"  ┌ {modal.title} (one line each; an empty line cancels)")
        fields: dict[str, str] = {}
        for box in modal.inputs:
            self.out(f"  │ {box.label}:")
            value = next(lines, "").rstrip("\n")
            if not value.strip():
                self.out("  └ Cancelled; nothing was sent.")
                return
            self.out(render.text(rich("  │ > ", UserText(value))))
            fields[box.id] = value
        self.show(self.hub.submit(self.actor(), modal.action, modal.value, fields), lines)
