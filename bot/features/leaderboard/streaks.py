"""Keep a member's streak of answering days and award the streak bonus."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.core.clock import local_date
from bot.core.points import Reason
from bot.core.streaks import Streak, alive, bonus, record_day
from bot.features.leaderboard.ledger import award
from bot.features.leaderboard.store import LeaderboardStore
from bot.features.leaderboard.tables import StreakState


def state_of(ctx: Ctx) -> StreakState:
    """Return the caller's streak row, creating it the first time."""
    return ctx.store(LeaderboardStore).streak_to_keep(ctx.member_id)


def count_answer_day(ctx: Ctx) -> str:
    """Count today (the member's local day) toward the streak; return a line for the reply."""
    row = state_of(ctx)
    if row.opted_out:
        return ""
    day = local_date(ctx.clock, ctx.member.timezone or ctx.community.timezone)
    before = Streak(row.current, row.best, row.last_day, row.freeze_week)
    after = record_day(before, day)
    row.current, row.best, row.last_day, row.freeze_week = (
        after.current,
        after.best,
        after.last_day,
        after.freeze_week,
    )
    if after == before:
        return f"Streak: {after.current} days."
    due = bonus(after.current)
    extra = award(ctx, Reason.STREAK_BONUS, f"day:{day.isoformat()}", points=due) if due else 0
    froze = " (a freeze day covered the gap)" if after.freeze_week != before.freeze_week else ""
    gained = f" +{extra} streak bonus." if extra else ""
    return f"Streak: {after.current} day{'s' if after.current != 1 else ''}{froze}.{gained}"


def current_streak(ctx: Ctx) -> tuple[int, int] | None:
    """Return the caller's (current, best) streak as of today, or None when they opted out."""
    row = ctx.store(LeaderboardStore).streak(ctx.member_id)  # read only: no row, no streak yet
    if row is None:
        return 0, 0
    if row.opted_out:
        return None
    day = local_date(ctx.clock, ctx.member.timezone or ctx.community.timezone)
    return alive(Streak(row.current, row.best, row.last_day, row.freeze_week), day), row.best
