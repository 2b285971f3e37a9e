"""Points, streaks and the leaderboards by week, sprint and all time."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.leaderboard import handlers
from bot.storage.tables import LedgerEntry
from bot.storage.tables_sprints import Score, StreakState

LEADERBOARD = Feature(
    "leaderboard",
    routes=(handlers.ROUTES,),
    tables=(LedgerEntry, Score, StreakState),
)
