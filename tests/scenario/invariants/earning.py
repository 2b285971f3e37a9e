"""Points that cannot be farmed: story points once per principle; a rating is one rating;
pressing twice earns once."""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import Session, col, func, select

from bot.storage.tables import LedgerEntry, Member
from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import violation

STORY_POINTS = 15


def story_points(sim: Sim, day: date) -> list[Violation]:
    """Story points come once per member per principle, and only for complete stories."""
    complete: dict[str, set[str]] = {}
    for e in sim.driver.events:
        principle, _, quality = e.detail.partition("|")
        if e.what == "story" and quality == "good":
            complete.setdefault(e.user, set()).add(principle)
    with Session(sim.hub.engine) as session:
        rows = session.exec(
            select(Member.external_id, func.sum(LedgerEntry.points))
            .join(Member, col(Member.id) == LedgerEntry.member_id)
            .where(LedgerEntry.reason == "story_submitted")
            .group_by(Member.external_id)
        ).all()
    most = {user: STORY_POINTS * len(principles) for user, principles in complete.items()}
    return [
        violation(
            day,
            user,
            f"earned {total} story points for "
            f"{most.get(user, 0) // STORY_POINTS} complete principles",
        )
        for user, total in rows
        if total > most.get(user, 0)
    ]


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
