"""The question of the day: posted in a channel, answered privately, discussed in its thread."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.daily import handlers, scheduled
from bot.storage.tables import Answer, DailyPost

DAILY = Feature(
    "daily",
    routes=(handlers.ROUTES,),
    kinds=scheduled.KINDS,
    tables=(DailyPost, Answer),
)
