"""`/profile forget` for practice: the member's self-ratings and practice DM settings."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.features.practice.store import PracticeStore


def forget(ctx: Ctx) -> Forgotten:
    """Delete the caller's self-ratings and practice settings here."""
    ctx.store(PracticeStore).forget_member(ctx.member_id)
    return Forgotten()
