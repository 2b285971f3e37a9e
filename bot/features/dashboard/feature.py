"""The web dashboard: a public leaderboard admins publish, and a signed admin page."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.dashboard import forget, handlers
from bot.features.dashboard.tables import DashboardHidden, DashboardSettings

DASHBOARD = Feature(
    "dashboard",
    routes=(handlers.ROUTES,),
    forget=forget.forget,
    tables=(DashboardSettings, DashboardHidden),
)
