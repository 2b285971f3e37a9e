"""Times in the right zone: a channel card's in the sprint's, a direct message's in the member's."""

from __future__ import annotations

import re
from datetime import date

from bot.core.cards import Visibility, plain
from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import violation
from tests.scenario.people import SPRINT_ZONE
from tests.scenario.world import Seen, card_text

LABEL = re.compile(r"\d\d:\d\d \(([^)]+)\)")  # "Thu 3 Dec, 18:00 (Europe/Paris)"


def _wrong(seen: Seen, zone: str) -> list[str]:
    shown, title = LABEL.findall(card_text(seen.message.card)), plain(seen.message.card.title)
    return [f"“{title}” shows a time in {other}" for other in shown if other != zone]


def zones(sim: Sim, day: date) -> list[Violation]:
    """Every time a channel card shows is in the sprint's zone; a DM's, in the reader's zone."""
    found = [
        violation(day, "channel", text)
        for seen in sim.world.channel
        if seen.at.date() == day
        for text in _wrong(seen, SPRINT_ZONE)
    ]
    for person in sim.people:
        for seen in sim.world.inbox.get(person.user, []):
            if seen.at.date() == day and seen.message.visibility is Visibility.DIRECT:
                found += [violation(day, person.user, t) for t in _wrong(seen, person.zone)]
    return list(dict.fromkeys(found))
