"""Limits an admin sets for a community: members' pace, and live stories per member."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.limits import handlers, store, tables

LIMITS = Feature(
    "limits",
    routes=(handlers.ROUTES,),
    tables=(tables.CommunityLimits,),
    rate_limit=store.rate_by_ref,
)
