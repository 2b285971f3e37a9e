"""Practice: missed questions come back after growing intervals, and a daily DM if wanted."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.practice import handlers, scheduled
from bot.storage.tables_sprints import PracticePref, ReviewState

PRACTICE = Feature(
    "practice",
    routes=(handlers.ROUTES,),
    finders=(scheduled.find_practice_work,),
    kinds=scheduled.KINDS,
    tables=(ReviewState, PracticePref),
)
