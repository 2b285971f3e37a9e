"""STAR stories for the Leadership Principles: written, checked, reviewed by peers."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.story import (
    coverage,
    feedback,
    forget,
    handlers,
    nudges,
    offers,
    review,
    tables,
    views,
)

STORY = Feature(
    "story",
    # In the order their commands appear in `/help`.
    routes=(
        coverage.ROUTES,
        review.ROUTES,
        handlers.ROUTES,
        views.ROUTES,
        feedback.ROUTES,
        offers.ROUTES,
    ),
    finders=nudges.FINDERS,
    kinds=nudges.KINDS,
    forget=forget.forget,
    tables=(tables.Story, tables.StoryReview, tables.StoryConfig, tables.StoryOffer),
)
