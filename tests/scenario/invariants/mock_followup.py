"""After a mock: each note comes at most once a mock, and never in the member's quiet hours."""

from __future__ import annotations

from datetime import date

from bot.core.cards import plain
from bot.core.quiet_hours import is_quiet
from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import violation

ONCE = ("How did your mock go?", "Did you meet?")  # their first button names the mock
AFTER = (*ONCE, "Your mock is closed")


def nudges(sim: Sim, day: date) -> list[Violation]:
    """No member gets a nudge or "Did you meet?" twice for one mock, nor any in quiet hours."""
    found = []
    for person in sim.people:
        seen_before: set[tuple[str, str]] = set()
        for seen in sim.world.inbox.get(person.user, []):
            card, title = seen.message.card, plain(seen.message.card.title)
            if title not in AFTER:
                continue
            key = (title, card.buttons[0].value if card.buttons else "")
            twice = title in ONCE and key in seen_before
            seen_before.add(key)
            if seen.at.date() != day:
                continue
            if twice:
                found.append(violation(day, person.user, f"“{title}” twice for mock {key[1]}"))
            if is_quiet(seen.at, person.zone):
                found.append(
                    violation(day, person.user, f"“{title}” at {seen.at:%H:%M} UTC, quiet hours")
                )
    return found
