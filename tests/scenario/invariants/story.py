"""Story nudges: each offer and each reminder reaches a member once, never in quiet hours."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, select

from bot.core.cards import Visibility, plain
from bot.core.quiet_hours import is_quiet
from bot.storage.tables import Community, Member
from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import violation

NUDGES = ("A story is waiting for you", "Your review is waiting")


def story_nudges(sim: Sim, day: date) -> list[Violation]:
    """No offer or reminder about a story twice to a member, and none in their quiet hours."""
    with Session(sim.hub.engine) as session:
        rows = session.exec(
            select(Member.external_id, Member.timezone, Community.timezone).join(
                Community, col(Community.id) == Member.community_id
            )
        ).all()
    zones = {user: own or community for user, own, community in rows}
    found: list[Violation] = []
    arrivals: dict[tuple[str, str, str], list[date]] = defaultdict(list)
    for user, box in sim.world.inbox.items():
        for seen in box:
            title = plain(seen.message.card.title)
            if not seen.scheduled or seen.message.visibility is not Visibility.DIRECT:
                continue
            if not title.startswith(NUDGES):
                continue
            story = next((b.value for b in seen.message.card.buttons), "")
            arrivals[user, title.split(":")[0], story].append(seen.at.date())
            if seen.at.date() == day and is_quiet(seen.at, zones.get(user, "UTC")):
                found.append(violation(day, user, f"“{title}” arrived in quiet hours"))
    for (user, kind, story), days in arrivals.items():
        if len(days) > 1 and days[-1] == day:
            found.append(violation(day, user, f"“{kind}” about story {story} came {len(days)}×"))
    return found
