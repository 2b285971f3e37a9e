"""The one-screen summary of a run: what the members did, what they earned, what broke."""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session, col, func, select

from bot.features.daily.tables import Answer
from bot.features.leaderboard.tables import LedgerEntry
from bot.features.mock.tables import MockPairing
from bot.features.story.tables import Story, StoryReview
from tests.scenario.cohort import Sim

REPORTS: list[str] = []  # printed at the end of the pytest run (see conftest.py)


def _grouped(session: Session, column: object, value: object) -> str:
    rows = session.exec(select(column, value).group_by(column).order_by(column)).all()  # type: ignore[call-overload]
    return " · ".join(f"{key} {int(total or 0)}" for key, total in rows) or "none"


def summary(sim: Sim, label: str) -> str:
    """Describe a run in a dozen lines: the same seed gives the same lines (timings apart)."""
    with Session(sim.hub.engine) as session:
        answers = session.exec(select(func.count(col(Answer.id)))).one()
        pairs = _grouped(session, MockPairing.status, func.count(col(MockPairing.id)))
        stories = session.exec(select(func.count(col(Story.id)))).one()
        deleted = session.exec(
            select(func.count(col(Story.id))).where(col(Story.deleted_at).is_not(None))
        ).one()
        reviews = _grouped(session, StoryReview.status, func.count(col(StoryReview.id)))
        points = _grouped(session, LedgerEntry.reason, func.sum(LedgerEntry.points))
    kinds = Counter(p.kind for p in sim.people)
    broken = Counter(v.family for v in sim.violations)
    lines = [
        f"cohort simulation ({label}): {len(sim.people)} members, {sim.ticks} ticks of 15 min",
        "  members: " + " · ".join(f"{k} {n}" for k, n in sorted(kinds.items())),
        f"  answers {answers} · stories {stories} ({deleted} deleted) · reviews: {reviews}",
        f"  pairings: {pairs}",
        f"  points by reason: {points}",
        "  actions: " + " · ".join(f"{k} {n}" for k, n in sorted(sim.driver.counts.items())),
        "  invariants broken: "
        + (" · ".join(f"{k} {n}" for k, n in sorted(broken.items())) or "none"),
    ]
    return "\n".join(lines + first_of_each(sim))


def first_of_each(sim: Sim, width: int = 110) -> list[str]:
    """The first violation of each broken family, one short line each."""
    firsts: dict[str, str] = {}
    for v in sim.violations:
        firsts.setdefault(v.family, ("    " + " ".join(f"{v.family}: {v}".split()))[:width])
    return [firsts[family] for family in sorted(firsts)]


def timings(sim: Sim) -> str:
    spent = " · ".join(f"{k} {v:.1f} s" for k, v in sorted(sim.seconds.items()))
    return f"  time: {spent}"
