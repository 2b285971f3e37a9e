"""A member's home: `/home` everywhere, and the Slack App Home tab."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.home import handlers

HOME = Feature("home", routes=(handlers.ROUTES,), home=handlers.home_of)
