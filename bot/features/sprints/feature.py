"""Prep sprints: an admin's multi-week calendar of questions, mocks and boards for a channel."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.sprints import handlers, scheduled
from bot.storage.tables_sprints import Sprint

SPRINTS = Feature(
    "sprints",
    routes=(handlers.ROUTES,),
    finders=(scheduled.find_sprint_work,),
    kinds=scheduled.KINDS,
    tables=(Sprint,),
)
