"""What other features use of sprints: a channel's live sprint, its calendar, the season.

`Sprint` is the type of the rows these return. Functions taking a Session are for another
feature's store or scheduled work, never a handler.
"""

from __future__ import annotations

from bot.features.sprints.alerts import alert_admin
from bot.features.sprints.calendar import calendar_of
from bot.features.sprints.store import (
    LIVE,
    has_sprint,
    live_sprint,
    live_sprints,
    running_sprint_ids,
    season_sprint,
    sprint_by_id,
    sprints_by_id,
)
from bot.features.sprints.tables import Sprint

__all__ = [
    "LIVE",
    "Sprint",
    "alert_admin",
    "calendar_of",
    "has_sprint",
    "live_sprint",
    "live_sprints",
    "running_sprint_ids",
    "season_sprint",
    "sprint_by_id",
    "sprints_by_id",
]
