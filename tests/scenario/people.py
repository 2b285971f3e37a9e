"""The cast: 24 members in six time zones, each with a way of using PrepLoop."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.actors import Actor

COMMUNITY, CHANNEL = "g1", "study"
SPRINT_ZONE = "Europe/Berlin"
ZONES = (
    "America/Los_Angeles",
    "America/New_York",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Tokyo",
)
# What each member does, 24 in all (see behaviours.py for each kind).
KINDS = (
    *["answerer"] * 5,
    *["lurker"] * 3,
    *["double"] * 2,
    *["rater"] * 2,
    *["noshow"] * 2,
    *["hasty"] * 1,
    *["writer"] * 2,
    *["farmer"] * 1,
    *["skipper"] * 2,
    *["reviewer"] * 2,
    *["leaver"] * 1,
    *["forgetter"] * 1,
)
MOCKERS = {"answerer", "double", "noshow", "hasty", "writer", "reviewer", "leaver", "forgetter"}
HOURS = "mon-fri 18:00-22:00, sat-sun 09:00-18:00"


@dataclass
class Person:
    """A simulated member: who they are, how they behave, and what they did."""

    number: int
    kind: str
    zone: str
    role: str
    level: str
    next_at: datetime | None = None
    gone: str = ""  # "left" or "forgot": they do nothing more
    answered: set[str] = field(default_factory=set)  # post ids
    joined: set[str] = field(default_factory=set)  # mock round ids
    handled: set[str] = field(default_factory=set)  # pairing ids they reacted to
    stories: int = 0
    taken: set[str] = field(default_factory=set)  # story ids they took to review
    skips: dict[str, int] = field(default_factory=dict)  # local day -> skips

    @property
    def user(self) -> str:
        return f"m{self.number:02d}"

    @property
    def marker(self) -> str:
        """A word only this member writes: a forget scan looks for it everywhere."""
        return f"zq{self.number:02d}k"

    @property
    def name(self) -> str:
        return f"{self.kind.title()} Zq{self.number:02d}k"

    @property
    def actor(self) -> Actor:
        return Actor("console", COMMUNITY, self.user, self.name, channel_id=CHANNEL)

    @property
    def mocks(self) -> bool:
        return self.kind in MOCKERS

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(ZoneInfo(self.zone))


def cast(rng: random.Random) -> list[Person]:
    """Draw 24 members: kinds shuffled over the six zones; three SDEs among the MLEs."""
    kinds = list(KINDS)
    rng.shuffle(kinds)
    people = []
    for index, kind in enumerate(kinds, start=1):
        role = "SDE" if index % 8 == 0 else "MLE"
        level = rng.choice(("mle1", "mle2", "mle2", "senior"))
        people.append(Person(index, kind, ZONES[index % len(ZONES)], role, level))
    return people
