"""Members acting through the hub: every command, press and form, and what it told them."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from bot.app.hub import OOPS, Hub
from bot.core.cards import Button, Reply, plain
from bot.core.clock import Clock
from tests.scenario.people import Person
from tests.scenario.world import World, reply_text

STORY_TOKEN = re.compile(r"zq\d\dk-s\d+")


@dataclass(frozen=True)
class Event:
    """Something a member did or was told, kept for the invariants and the summary."""

    day: date
    user: str
    what: str
    detail: str = ""


@dataclass
class Driver:
    """The hub as the members reach it; it delivers each reply into the world."""

    hub: Hub
    clock: Clock
    world: World
    rng: random.Random
    events: list[Event] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    stories: dict[str, tuple[str, str]] = field(default_factory=dict)  # token -> (author, id)
    reads: dict[str, set[str]] = field(default_factory=dict)  # user -> story ids shown

    @property
    def day(self) -> date:
        return self.clock.now().date()

    def note(self, person: Person, what: str, detail: str = "") -> None:
        self.events.append(Event(self.day, person.user, what, detail))
        self.counts[what] += 1

    def command(self, person: Person, group: str, text: str) -> Reply:
        return self._heard(
            person, f"/{group} {text}", self.hub.command_text(person.actor, group, text)
        )

    def press(self, person: Person, button: Button) -> Reply:
        reply = self.hub.press(person.actor, button.action, button.value)
        return self._heard(person, f"press {button.label}", reply)

    def submit(self, person: Person, opened: Reply, fields: dict[str, str]) -> Reply:
        """Send the form a reply opened; an empty reply when it opened none."""
        if opened.modal is None:
            return Reply()
        modal = opened.modal
        reply = self.hub.submit(person.actor, modal.action, modal.value, fields)
        return self._heard(person, f"submit {modal.action}", reply)

    def _heard(self, person: Person, what: str, reply: Reply) -> Reply:
        self.world.hear(self.clock.now(), person.user, reply)
        said = reply_text(reply)
        if any(plain(m.card.text) == OOPS for m in reply.messages):
            self.note(person, "oops", what)
        for token in STORY_TOKEN.findall(said):
            if token in self.stories:
                self.reads.setdefault(person.user, set()).add(self.stories[token][1])
        return reply
