"""`/profile forget` for points: the member's awards, totals and streak."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import col

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.features.leaderboard.tables import LedgerEntry, Score, StreakState


def forget(ctx: Ctx) -> Forgotten:
    """Delete the caller's awards, totals and streak: no one else's total depends on them."""
    for table in (LedgerEntry, Score, StreakState):
        ctx.session.execute(
            delete(table).where(
                col(table.community_id) == ctx.community_id,
                col(table.member_id) == ctx.member_id,
            )
        )
    return Forgotten()
