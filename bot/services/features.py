"""Import every feature module so its commands, buttons and forms register."""

from __future__ import annotations

import importlib

FEATURES = (
    "bot.services.daily",
    "bot.services.practice",
    "bot.services.leaderboard",
    "bot.services.sprints",
    "bot.services.mock",
    "bot.services.story",
    "bot.services.profile_forget",
)


def load() -> None:
    """Register all features (safe to call more than once)."""
    for name in FEATURES:
        importlib.import_module(name)
