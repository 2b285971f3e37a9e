"""The question of the day: posted in a channel, answered privately, discussed in its thread."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.daily import answers, forget, handlers, scheduled, schedules, standing
from bot.features.daily.tables import Answer, DailyPost, QuestionSchedule

DAILY = Feature(
    "daily",
    routes=(handlers.ROUTES, answers.ROUTES, schedules.ROUTES),
    finders=(standing.find_standing_work,),
    kinds=scheduled.KINDS,
    forget=forget.forget,
    tables=(DailyPost, Answer, QuestionSchedule),
)
