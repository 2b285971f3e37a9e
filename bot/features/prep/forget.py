"""`/profile forget` for prep: the member's plan and its items."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.features.prep.store import PrepStore


def forget(ctx: Ctx) -> Forgotten:
    """Delete the caller's prep plan here."""
    store = ctx.store(PrepStore)
    had = store.plan_of(ctx.member_id) is not None
    store.forget_member(ctx.member_id)
    return Forgotten(erased=("your prep plan",) if had else ())
