"""Role rewards: roles for streaks and the month's top 3, given and taken back by the bot."""

from __future__ import annotations

from bot.app.feature import Feature
from bot.features.roles import forget, handlers, scheduled
from bot.features.roles.tables import RoleGrant, RoleRule

ROLES = Feature(
    "roles",
    routes=(handlers.ROUTES,),
    finders=(scheduled.find_checks, scheduled.find_changes),
    kinds=scheduled.KINDS,
    forget=forget.forget,
    member_left=forget.member_left,
    tables=(RoleRule, RoleGrant),
)
