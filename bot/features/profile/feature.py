"""A member's own data: `/profile forget` erases it from one community."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.profile import forget

PROFILE = Feature("profile", routes=(forget.ROUTES,))
