"""The question of the day: posted in a channel, answered privately, discussed in its thread."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.daily import answers, forget, handlers, scheduled
from bot.features.daily.tables import Answer, DailyPost

DAILY = Feature(
    "daily",
    routes=(handlers.ROUTES, answers.ROUTES),
    kinds=scheduled.KINDS,
    forget=forget.forget,
    tables=(DailyPost, Answer),
)
