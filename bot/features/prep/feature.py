"""Prep: a personal plan to the member's interview date, delivered in the practice DM."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.prep import forget, handlers, overview
from bot.features.prep.tables import PrepItem, PrepPlan

PREP = Feature(
    "prep",
    routes=(handlers.ROUTES, overview.ROUTES),
    forget=forget.forget,
    tables=(PrepPlan, PrepItem),
)
