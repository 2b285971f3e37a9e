"""Points: every award is one ledger row, unique per member, reason and reference."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from bot.app.context import Ctx
from bot.core.points import POINTS, Reason
from bot.features.leaderboard.tables import LedgerEntry, Score
from bot.features.sprints.tables import Sprint
from bot.storage.upsert import upsert_insert

ALL_TIME = "all"


def award(
    ctx: Ctx,
    reason: Reason,
    reference: str,
    member_id: int | None = None,
    points: int | None = None,
) -> int:
    """Record an award once; return the points given now (0 when it was already given)."""
    given = POINTS[reason] if points is None else points
    who = member_id if member_id is not None else ctx.member_id
    values = {
        "community_id": ctx.community_id,
        "member_id": who,
        "reason": reason.value,
        "reference": reference[:128],
        "points": given,
        "created_at": ctx.clock.now(),
    }
    statement = (
        upsert_insert(ctx.session)(LedgerEntry)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["member_id", "reason", "reference"])
    )
    result: Any = ctx.session.execute(statement)
    if not result.rowcount:
        return 0
    for period in periods(ctx.session, ctx.community_id, ctx.today()):
        bump_score(ctx.session, ctx.community_id, who, period, given)
    return given


def week_period(day: date) -> str:
    """Return the weekly period key: the Monday the week starts on."""
    return f"week:{(day - timedelta(days=day.weekday())).isoformat()}"


def periods(session: Session, community_id: int, today: date) -> list[str]:
    """Return the leaderboard periods an award made today counts toward."""
    running = session.exec(
        select(Sprint.id).where(
            Sprint.community_id == community_id,
            col(Sprint.status).in_(("active", "paused")),
            Sprint.start_date <= today,
        )
    ).all()
    return [ALL_TIME, week_period(today), *(f"sprint:{sprint_id}" for sprint_id in running)]


def bump_score(session: Session, community_id: int, member_id: int, period: str, n: int) -> None:
    """Add points to a member's score for one period, atomically."""
    statement = (
        upsert_insert(session)(Score)
        .values(community_id=community_id, member_id=member_id, period=period, points=n)
        .on_conflict_do_update(
            index_elements=["community_id", "period", "member_id"],
            set_={"points": Score.points + n},
        )
    )
    session.execute(statement)
