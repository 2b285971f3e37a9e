"""Workspace events: a member deactivated or removed from the workspace leaves the community."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack.bridge import Bridge

PLATFORM = "slack"


def register(app: AsyncApp, bridge: Bridge) -> None:
    """Listen to member changes (bolt acknowledges an event once its listener returns)."""

    async def left(team_id: str, user_id: str) -> None:
        notes = await asyncio.to_thread(bridge.hub.member_left, PLATFORM, team_id, user_id)
        await bridge.outbox.deliver(team_id, notes)

    async def on_user_change(event: dict[str, Any], context: AsyncBoltContext) -> None:
        user = event.get("user")
        if not isinstance(user, dict) or user.get("deleted") is not True:
            return  # a profile edit, a status emoji: nothing PrepLoop keeps changed
        team_id = str(context.team_id or user.get("team_id") or context.enterprise_id or "")
        bridge.later(left(team_id, str(user.get("id") or "")))

    app.event("user_change")(on_user_change)
