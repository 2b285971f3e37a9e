"""Points, streaks and the leaderboards by week, sprint and all time."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.leaderboard import forget, handlers
from bot.features.leaderboard.tables import LedgerEntry, Score, StreakState

LEADERBOARD = Feature(
    "leaderboard",
    routes=(handlers.ROUTES,),
    forget=forget.forget,
    tables=(LedgerEntry, Score, StreakState),
)
