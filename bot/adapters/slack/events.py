"""Workspace events: a member opened their App Home tab, or left the workspace."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack.bridge import Bridge

PLATFORM = "slack"


def register(app: AsyncApp, bridge: Bridge) -> None:
    """Listen to Home tabs opened and member changes (bolt acknowledges an event once its
    listener returns)."""

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

    async def on_home_opened(
        body: dict[str, Any], event: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        if event.get("tab") != "home":
            return  # the Messages tab: nothing to publish
        bridge.later(show_home(body, context))

    async def show_home(body: dict[str, Any], context: AsyncBoltContext) -> None:
        # The Home tab shows admins the community's numbers: a courtesy, like an everyday command.
        origin = await bridge.origin(body, context, channel_id="", admin_only=False)
        await bridge.homes.opened(origin.actor)

    app.event("app_home_opened")(on_home_opened)
