"""After a mock: each member is nudged for feedback at most once a mock, never in quiet hours."""

from __future__ import annotations

from datetime import date

from bot.core.cards import plain
from bot.core.quiet_hours import is_quiet
from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import violation

NUDGE = "How did your mock go?"


def nudges(sim: Sim, day: date) -> list[Violation]:
    """No member gets two nudges for one mock, nor one between 22:00 and 08:00 their time."""
    found = []
    for person in sim.people:
        seen_before: set[str] = set()
        for seen in sim.world.inbox.get(person.user, []):
            card = seen.message.card
            if plain(card.title) != NUDGE or not card.buttons:
                continue
            pairing = card.buttons[0].value
            twice = pairing in seen_before
            seen_before.add(pairing)
            if seen.at.date() != day:
                continue
            if twice:
                found.append(violation(day, person.user, f"nudged twice for mock {pairing}"))
            if is_quiet(seen.at, person.zone):
                found.append(
                    violation(day, person.user, f"nudged at {seen.at:%H:%M} UTC, in quiet hours")
                )
    return found
