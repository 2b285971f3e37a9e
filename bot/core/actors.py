"""Who is acting, and where: the plain values every adapter hands to the services."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    platform: str
    community_id: str
    user_id: str
    display_name: str = ""
    community_name: str = ""
    channel_id: str = ""
    is_admin: bool = False
    can_manage_roles: bool | None = None  # the bot's permission here; None: the platform has none
