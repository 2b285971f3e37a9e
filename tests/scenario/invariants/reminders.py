"""Mock reminders: each one reaches a member once, and never in their quiet hours."""

from __future__ import annotations

from collections import Counter
from datetime import date

from bot.core.cards import plain
from bot.core.quiet_hours import is_quiet
from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import violation
from tests.scenario.world import Seen

REMINDER = "Mock interview in "
LAST = ("Mock interview in 1 hour",)  # the one reminder quiet hours let through


def _reminders(sim: Sim, user: str) -> list[tuple[Seen, str, str]]:
    """A member's reminders so far: each with its title and the pairing it is about."""
    found = []
    for seen in sim.world.inbox.get(user, []):
        title = plain(seen.message.card.title)
        if title.startswith(REMINDER):
            pairing = next((b.value for b in seen.message.card.buttons), "")
            found.append((seen, title, pairing))
    return found


def _kind(title: str) -> str:
    return "last" if title in LAST or title.endswith("minutes") else "day"


def reminders_once(sim: Sim, day: date) -> list[Violation]:
    """No member gets the same reminder (a day or an hour before) of one mock twice."""
    found = []
    for person in sim.people:
        counted = Counter((pairing, _kind(t)) for _, t, pairing in _reminders(sim, person.user))
        found += [
            violation(day, person.user, f"{count} {kind} reminders of mock {pairing}")
            for (pairing, kind), count in counted.items()
            if count > 1
        ]
    return found


def reminders_quiet(sim: Sim, day: date) -> list[Violation]:
    """No reminder but the last hour's reaches a member between 22:00 and 08:00 their time."""
    return [
        violation(day, person.user, f"“{title}” at {person.local(seen.at):%H:%M} their time")
        for person in sim.people
        for seen, title, _ in _reminders(sim, person.user)
        if seen.at.date() == day and _kind(title) == "day" and is_quiet(seen.at, person.zone)
    ]
