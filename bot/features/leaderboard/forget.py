"""`/profile forget` for points: the member's awards, totals and streak."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.features.leaderboard.store import LeaderboardStore


def forget(ctx: Ctx) -> Forgotten:
    """Delete the caller's awards, totals and streak: no one else's total depends on them."""
    ctx.store(LeaderboardStore).forget(ctx.member_id)
    return Forgotten()
