"""`/profile forget` for practice: the member's self-ratings and practice DM settings."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlmodel import col

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.features.practice.tables import PracticePref, ReviewState
from bot.scheduling.tables import JobClaim


def forget(ctx: Ctx) -> Forgotten:
    """Delete the caller's self-ratings and practice settings here."""
    for table in (ReviewState, PracticePref):
        ctx.session.execute(
            delete(table).where(
                col(table.community_id) == ctx.community_id,
                col(table.member_id) == ctx.member_id,
            )
        )
    # A practice DM that failed records why, and the platform's reason may name the member.
    ctx.session.execute(
        update(JobClaim)
        .where(
            col(JobClaim.community_id) == ctx.community_id,
            col(JobClaim.channel_id) == f"dm:{ctx.member_id}",
        )
        .values(outcome="")
    )
    return Forgotten()
