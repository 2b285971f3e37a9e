"""Buttons: every action id goes to the hub's press()."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack.blocks import action_of
from bot.adapters.slack.bridge import Bridge

ANY = re.compile(r".+")


def register(app: AsyncApp, bridge: Bridge) -> None:
    """Listen to every button press; Slack takes no answer in a press's acknowledgement."""

    async def press(
        body: dict[str, Any], action: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        name, value = action_of(str(action.get("action_id", ""))), str(action.get("value") or "")
        admin_only = name in bridge.hub.registry.admin_actions
        origin = await bridge.origin(body, context, admin_only=admin_only)
        reply = await asyncio.to_thread(bridge.hub.press, origin.actor, name, value)
        await bridge.outbox.send(origin, reply)
        await bridge.refreshed(origin)

    async def on_press(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        context: AsyncBoltContext,
    ) -> None:
        await ack()
        bridge.later(press(body, action, context))

    app.action({"type": "block_actions", "action_id": ANY})(on_press)
