"""Prep sprints: an admin's multi-week calendar of questions, mocks and boards for a channel."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.sprints import forget, handlers, scheduled
from bot.features.sprints.tables import Sprint

SPRINTS = Feature(
    "sprints",
    routes=(handlers.ROUTES,),
    finders=(scheduled.find_sprint_work,),
    kinds=scheduled.KINDS,
    forget=forget.forget,
    tables=(Sprint,),
)
