"""Points that cannot be farmed: story points once per principle per sprint; a rating is one rating;
pressing twice earns once."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlmodel import Session, col, func, select

from bot.features.leaderboard.tables import LedgerEntry
from bot.storage.tables import Member
from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import violation

STORY_POINTS = 15
SPRINT_DAYS = (date(2026, 10, 12), date(2026, 11, 22))  # cohort.SPRINT: six weeks


def story_points(sim: Sim, day: date) -> list[Violation]:
    """Story points come once per principle per sprint (per week outside it), for complete ones."""
    complete: dict[str, set[tuple[str, str]]] = {}
    for e in sim.driver.events:
        principle, _, quality = e.detail.partition("|")
        if e.what == "story" and quality == "good":
            complete.setdefault(e.user, set()).add((principle, _period(e.day)))
    with Session(sim.hub.engine) as session:
        rows = session.exec(
            select(Member.external_id, func.sum(LedgerEntry.points))
            .join(Member, col(Member.id) == LedgerEntry.member_id)
            .where(LedgerEntry.reason == "story_submitted")
            .group_by(Member.external_id)
        ).all()
    most = {user: STORY_POINTS * len(earned) for user, earned in complete.items()}
    return [
        violation(
            day,
            user,
            f"earned {total} story points for "
            f"{most.get(user, 0) // STORY_POINTS} complete principles and periods",
        )
        for user, total in rows
        if total > most.get(user, 0)
    ]


def _period(day: date) -> str:
    """The sprint, or outside it the week (from Monday) in which a story can earn once."""
    if SPRINT_DAYS[0] <= day <= SPRINT_DAYS[1]:
        return "sprint"
    return (day - timedelta(days=day.weekday())).isoformat()


def ratings(sim: Sim, day: date) -> list[Violation]:
    """Pressing the same self-rating again tells the member the same thing."""
    said: dict[tuple[str, str], set[str]] = {}
    for e in sim.driver.events:
        if e.what == "rating" and e.day == day:
            button, _, text = e.detail.partition("|")
            said.setdefault((e.user, button), set()).add(text)
    return [
        violation(day, user, f"rating {button} said {' then '.join(sorted(texts))}")
        for (user, button), texts in said.items()
        if len(texts) > 1
    ]


def double_press(sim: Sim, day: date) -> list[Violation]:
    """Sending the same answer or feedback again never says it earned points again."""
    return [
        violation(day, e.user, f"a second {what} said “{said[:120]}”")
        for e in sim.driver.events
        if e.what == "again" and e.day == day
        for what, _, said in [e.detail.partition("|")]
        if re.search(r"\+\d+ points", said)
    ]
