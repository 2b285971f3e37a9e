"""What other features use of sprints: a channel's live sprint, its calendar, the season.

`Sprint` is the type of the rows these return. Functions taking a Session are for another
feature's store or scheduled work, never a handler.
"""

from __future__ import annotations

from bot.app.context import Ctx
from bot.core.cards import Card
from bot.features.sprints.alerts import alert_admin
from bot.features.sprints.calendar import calendar_of
from bot.features.sprints.store import (
    LIVE,
    has_sprint,
    live_sprint,
    running_sprint_ids,
    season_sprint,
    sprint_by_id,
    sprints_by_id,
)
from bot.features.sprints.store.pending import Running, running_unclaimed
from bot.features.sprints.tables import Sprint

__all__ = [
    "LIVE",
    "Running",
    "Sprint",
    "alert_admin",
    "calendar_of",
    "has_sprint",
    "live_sprint",
    "live_status_card",
    "running_sprint_ids",
    "running_unclaimed",
    "season_sprint",
    "sprint_by_id",
    "sprints_by_id",
]


def live_status_card(ctx: Ctx, channel_id: str = "") -> Card | None:
    """`/sprint status` of the channel's live sprint, else of the community's latest live one."""
    # The handlers use other features' apis, and those import this module: import them late.
    from bot.features.sprints.handlers import status_card
    from bot.features.sprints.store import SprintStore

    store = ctx.store(SprintStore)
    sprint = (store.live_in(channel_id) if channel_id else None) or store.latest_live()
    return None if sprint is None else status_card(ctx, sprint)
