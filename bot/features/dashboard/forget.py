"""The dashboard part of `/profile forget`: the member's choice to be left off the web board."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.features.dashboard.store import DashboardStore


def forget(ctx: Ctx) -> Forgotten:
    """Delete the caller's hidden mark (they are shown again only if they take part again)."""
    if ctx.store(DashboardStore).forget(ctx.member_id):
        return Forgotten(("your choice to be left off the web leaderboard",))
    return Forgotten()
