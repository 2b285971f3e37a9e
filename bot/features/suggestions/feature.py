"""Members suggest questions, admins review them; the community's own question bank."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.suggestions import forget, handlers, queue, tables

SUGGESTIONS = Feature(
    "suggestions",
    # In the order their commands appear in `/help`.
    routes=(handlers.ROUTES, queue.ROUTES),
    forget=forget.forget,
    tables=(tables.Suggestion,),
)
