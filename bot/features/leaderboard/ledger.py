"""Points: every award is one ledger row, unique per member, reason and reference."""

from __future__ import annotations

from datetime import date, timedelta

from bot.app.context import Ctx
from bot.core.points import POINTS, Reason
from bot.features.leaderboard.store import LeaderboardStore

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
    store = ctx.store(LeaderboardStore)
    if not store.record_award(who, reason.value, reference[:128], given, ctx.clock.now()):
        return 0
    for period in periods_of(store, ctx.today()):
        store.add_points(who, period, given)
    return given


def week_period(day: date) -> str:
    """Return the weekly period key: the Monday the week starts on."""
    return f"week:{(day - timedelta(days=day.weekday())).isoformat()}"


def periods_of(store: LeaderboardStore, today: date) -> list[str]:
    """Return the leaderboard periods an award made today counts toward."""
    running = store.running_sprints(today)
    return [ALL_TIME, week_period(today), *(f"sprint:{sprint_id}" for sprint_id in running)]


def award_periods(ctx: Ctx, today: date) -> list[str]:
    """Return the leaderboard periods an award the caller's community makes today counts toward."""
    return periods_of(ctx.store(LeaderboardStore), today)
