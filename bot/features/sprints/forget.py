"""`/profile forget` for sprints: the member is no longer named as a sprint's creator."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.features.sprints.store import SprintStore


def forget(ctx: Ctx) -> Forgotten:
    """Unname the caller on the sprints they started (their alerts go nowhere after)."""
    ctx.store(SprintStore).unname_creator(ctx.actor.user_id)
    return Forgotten()
