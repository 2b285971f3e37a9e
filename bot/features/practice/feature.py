"""Practice: missed questions come back after growing intervals, and a daily DM if wanted."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.practice import forget, handlers, scheduled
from bot.features.practice.tables import PracticePref, ReviewState

PRACTICE = Feature(
    "practice",
    routes=(handlers.ROUTES,),
    finders=(scheduled.find_practice_work,),
    kinds=scheduled.KINDS,
    forget=forget.forget,
    tables=(ReviewState, PracticePref),
)
