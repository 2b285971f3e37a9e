"""A member's own data: `/profile forget` asks every feature to erase it from one community."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.profile import forget

PROFILE = Feature(
    "profile",
    routes=(forget.ROUTES,),
    # The last hook of the list: the member's row is unnamed once every feature has erased.
    forget=forget.forget_identity,
)
