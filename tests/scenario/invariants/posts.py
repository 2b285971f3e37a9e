"""Scheduled posts and pairing messages exactly once; nobody told "something went wrong"."""

from __future__ import annotations

from collections import Counter
from datetime import date
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot.core.cards import Visibility, plain
from bot.features.sprints.api import calendar_of
from bot.features.sprints.tables import Sprint
from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import violation
from tests.scenario.people import SPRINT_ZONE
from tests.scenario.world import Seen

BERLIN = ZoneInfo(SPRINT_ZONE)


def posts_once(sim: Sim, day: date) -> list[Violation]:
    """Every planned post, reveal, weekly board and pairing message goes out exactly once."""
    found = []
    kinds = Counter(_post_key(s) for s in sim.world.channel if s.scheduled)
    for key, times in kinds.items():
        if times > 1 and key[1] == day.isoformat():
            found.append(violation(day, "channel", f"“{key[0]}” posted {times} times"))
    with Session(sim.hub.engine) as session:
        sprint = session.exec(select(Sprint)).first()
    planned = sprint is not None and calendar_of(sprint).focus_on(day) is not None
    if planned and kinds[("Question of the day", day.isoformat())] != 1:
        found.append(violation(day, "channel", "the day's question was not posted exactly once"))
    dms = Counter(
        (user, plain(s.message.card.title), _pairing(s))
        for user, box in sim.world.inbox.items()
        for s in box
        if s.message.visibility is Visibility.DIRECT and _pairing(s)
    )
    for (user, title, pid), times in dms.items():
        if times > 1 and pid.endswith(f"@{day.isoformat()}"):
            found.append(violation(day, user, f"“{title}” for pairing {pid} arrived {times} times"))
    return found


def _post_key(seen: Seen) -> tuple[str, str]:
    """A channel post's kind and day (in the sprint's zone, as the plan counts days)."""
    title = plain(seen.message.card.title)
    kind = title.split(":")[0] if not title.startswith("Week of") else title
    local = seen.at.astimezone(BERLIN).date()
    return kind, local.isoformat()


def _pairing(seen: Seen) -> str:
    """The pairing a pairing DM is about, with the day it arrived."""
    if not plain(seen.message.card.title).startswith(("You have a mock", "You are in a mock")):
        return ""
    button = next(iter(seen.message.card.buttons), None)
    return f"{button.value}@{seen.at.date().isoformat()}" if button else ""


def oops(sim: Sim, day: date) -> list[Violation]:
    """No member is ever told that something went wrong on our side."""
    return [
        violation(day, e.user, f"told “something went wrong” after {e.detail}")
        for e in sim.driver.events
        if e.day == day and e.what == "oops"
    ]
