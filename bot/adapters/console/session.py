"""A local study channel in the terminal: a few members, one admin, commands typed as lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime

from bot.adapters.console.clock import ConsoleClock, parse_step
from bot.adapters.console.form import FormFiller
from bot.adapters.console.screen import Screen
from bot.app.hub import Hub
from bot.core.actors import Actor
from bot.core.cards import Button, Modal, Reply, Visibility
from bot.core.words import plural

COMMUNITY = "local"
CHANNEL = "study"
MEMBERS = {"alice": True, "bob": False, "carol": False}  # name -> is admin
MORE = "dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert sybil trent"
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,19}$")

CONSOLE_HELP = """Console commands:
  /as NAME      act as another member ({members})
  /join NAME [admin]   add a member to the study group
  /channel [NAME]      show the channel you type in, or move to another (#study, #coding…)
  /press N      press button N of the cards shown last
  /show         list every button you can press (the channel's cards and your own)
  /time [+Nd|+Nh|+Nm] [brief]   show the console's clock, or move it forward: every
                scheduled post, reveal and direct message on the way is shown, day by day
                (with `brief`, one line each; their buttons stay pressable: /show)
  /help         this help and every bot command
  /quit         leave (end of input works too)
In a form: one line per field; Enter keeps the value shown, - skips an optional field,
/cancel stops. Files (calendar invites, pictures) are saved in the data folder."""


def members(count: int = len(MEMBERS)) -> dict[str, bool]:
    """alice (the admin), bob and carol, then more names, up to `count` members."""
    names = [*MEMBERS, *MORE.split()]
    names += [f"member{n}" for n in range(len(names) + 1, count + 1)]
    return {name: name == "alice" for name in names[:count]}


class ConsoleSession:
    """Turn typed lines into hub calls and show each member what they would see."""

    def __init__(
        self,
        hub: Hub,
        out: Callable[[str], None],
        clock: ConsoleClock,
        *,
        screen: Screen | None = None,
        people: dict[str, bool] | None = None,
        travel: Callable[[datetime], int] | None = None,
    ) -> None:
        self.hub, self.out, self.clock = hub, out, clock
        self.screen = screen or Screen(out)
        self.members = dict(people or MEMBERS)
        self.travel = travel

    @property
    def member(self) -> str:
        return self.screen.member

    @member.setter
    def member(self, name: str) -> None:
        self.screen.member = name

    @property
    def channel(self) -> str:
        """The channel the member types in (`/channel NAME` moves)."""
        return self.screen.channel

    @channel.setter
    def channel(self, name: str) -> None:
        self.screen.channel = name

    @property
    def buttons(self) -> list[Button]:
        """The buttons /press N refers to for the current member."""
        return self.screen.numbered.get(self.member, [])

    def actor(self) -> Actor:
        return Actor(
            platform="console",
            community_id=COMMUNITY,
            community_name="Local study group",
            user_id=self.member,
            display_name=self.member.title(),
            channel_id=self.channel,
            is_admin=self.members.get(self.member, False),
        )

    def handle(self, line: str, lines: Iterator[str]) -> None:
        """Handle one typed line (more lines are read when a form opens)."""
        if not line:
            return
        if not line.startswith("/"):
            self.out("  Commands start with /. Type /help to see them.")
            return
        word, _, rest = line[1:].partition(" ")
        word, rest = word.lower(), rest.strip()
        local: dict[str, Callable[[], None]] = {
            "help": self._help,
            "as": lambda: self._switch(rest.lower()),
            "join": lambda: self._join(rest.lower()),
            "channel": lambda: self._channel(rest.lower()),
            "show": self._show,
            "press": lambda: self._press(rest, lines),
            "time": lambda: self._time(rest),
        }
        if word in local:
            local[word]()
        else:
            self.show(self.hub.command_text(self.actor(), word, rest), lines)

    def _help(self) -> None:
        names = ", ".join(self.members)
        self.out(CONSOLE_HELP.format(members=names) + "\n\n" + self.hub.help_text())

    def _switch(self, name: str) -> None:
        if name not in self.members:
            self.out(f"  No member called that here. Members: {', '.join(self.members)}.")
            return
        self.member = name
        role = " (admin)" if self.members[name] else ""
        self.out(f"  You are now {name}{role}.")
        if self.screen.pressable(name):
            self._show()

    def _join(self, rest: str) -> None:
        name, _, role = rest.partition(" ")
        if not _NAME.match(name) or role.strip() not in ("", "admin"):
            self.out("  Add a member with /join NAME or /join NAME admin (a short name, a–z).")
        elif name in self.members:
            self.out(f"  {name} is already here. /as {name} acts as them.")
        else:
            self.members[name] = role.strip() == "admin"
            count = plural(len(self.members), "member")
            self.out(
                f"  {name} joined the study group{' as an admin' * (role == 'admin')}: {count}."
            )

    def _channel(self, rest: str) -> None:
        name = rest.removeprefix("#")
        if not name:
            self.out(f"  You are typing in #{self.channel}. /channel NAME moves to another one.")
        elif not _NAME.match(name):
            self.out("  Name a channel with /channel NAME (a short name, a–z, like coding).")
        else:
            self.channel = name
            self.out(f"  You are now typing in #{name}; commands act on this channel.")

    def _show(self) -> None:
        if not self.screen.pressable(self.member):
            self.out("  No buttons to press right now.")
            return
        self.out(f"  Buttons {self.member} can press:")
        self.screen.list_for(self.member)

    def _time(self, rest: str) -> None:
        step, _, mode = rest.partition(" ")
        delta = parse_step(step) if step else None
        if (step and delta is None) or mode.strip().lower() not in ("", "brief"):
            self.out(
                "  Move the clock forward with /time +1d, /time +3h or /time +30m "
                "(add `brief` for one line a message)."
            )
            return
        if delta is not None:
            self._travel(self.clock.now() + delta, brief=bool(mode.strip()))
        self.out(f"  It is now {self.clock.now():%Y-%m-%d %H:%M} UTC.")

    def _travel(self, end: datetime, *, brief: bool) -> None:
        self.screen.day = ""  # every jump starts with the day its first post is on
        self.screen.brief = brief
        try:
            if self.travel is None:
                self.clock.set(end)
            elif not self.travel(end):
                self.out("  Nothing was scheduled on the way.")
        finally:
            self.screen.brief = False

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
        refs = self.screen.show(reply.messages)
        for message, ref in zip(reply.messages, refs, strict=True):
            if message.visibility is not Visibility.EPHEMERAL:
                self.hub.metrics.reply_posted("console", delivered=True)
            if message.track:
                self.hub.track(self.actor(), message.track, ref)
        if reply.modal is not None:
            self._fill(reply.modal, lines)

    def _fill(self, modal: Modal, lines: Iterator[str]) -> None:
        fields = FormFiller(self.out, lines).fill(modal)
        if fields is not None:
            self.show(self.hub.submit(self.actor(), modal.action, modal.value, fields), lines)
