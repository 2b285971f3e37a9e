"""`/profile forget` for sprints: the member is no longer named as a sprint's creator."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.features.sprints.tables import Sprint


def forget(ctx: Ctx) -> Forgotten:
    """Unname the caller on the sprints they started (their alerts go nowhere after)."""
    ctx.session.execute(
        update(Sprint)
        .where(
            col(Sprint.community_id) == ctx.community_id,
            col(Sprint.created_by) == ctx.actor.user_id,
        )
        .values(created_by="")
    )
    return Forgotten()
