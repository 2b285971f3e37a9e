"""Slash commands: one per command group of the registry, plus /help."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack.bridge import Bridge

HELP = "/help"


def command_names(bridge: Bridge) -> list[str]:
    """Every slash command the app answers, as typed in Slack."""
    return [f"/{group}" for group in bridge.hub.registry.groups()] + [HELP]


def register(app: AsyncApp, bridge: Bridge) -> None:
    """Listen to every group's slash command and to /help."""

    async def on_command(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
        await ack()
        origin = await bridge.origin(body, context)
        command = str(body.get("command", "")).lower()
        if command == HELP:
            reply = bridge.hub.help()
        else:
            text = str(body.get("text") or "")
            reply = await asyncio.to_thread(
                bridge.hub.command_text, origin.actor, command.lstrip("/"), text
            )
        await bridge.outbox.send(origin, reply)

    # One listener for all: bolt tries listeners in turn, each try costs a matcher call.
    names = "|".join(re.escape(name) for name in command_names(bridge))
    app.command(re.compile(f"^(?:{names})$"))(on_command)
