"""What every invariant uses: a violation, the truth in the database, a member's views."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from bot.core.cards import Reply
from bot.features.leaderboard.tables import Score
from bot.storage.tables import Member
from tests.scenario.cohort import Sim, Violation
from tests.scenario.people import Person


def violation(day: date, member: str, text: str) -> Violation:
    return Violation("", day, member, text)


def aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment


def profile_of(sim: Sim, person: Person, day: date) -> Reply:
    """The member's /profile, asked once a day (two families read it)."""
    key = (day, person.user, "profile")
    if key not in sim.looks:
        sim.looks[key] = sim.driver.command(person, "profile", "")
    return sim.looks[key]


def truth_of(session: Session, period: str) -> dict[str, int]:
    """Each member's points in a period, by platform id."""
    rows = session.exec(
        select(Member.external_id, Score.points)
        .join(Member, col(Member.id) == Score.member_id)
        .where(Score.period == period)
    ).all()
    return dict(rows)


def rank_in(points: dict[str, int], user: str) -> int:
    """Standard competition rank: one more than the members with more points."""
    return 1 + sum(other > points[user] for other in points.values())
