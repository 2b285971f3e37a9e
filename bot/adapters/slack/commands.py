"""Slash commands: one per command group of the registry, plus /help."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.adapters.slack.bridge import Bridge


def command_names(bridge: Bridge) -> list[str]:
    """Every slash command the app answers, as typed in Slack."""
    return [f"/{group}" for group in bridge.hub.registry.groups()] + ["/help"]


def register(app: AsyncApp, bridge: Bridge) -> None:
    """Listen to every group's slash command and to /help."""

    async def on_command(
        ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
    ) -> None:
        await ack()
        origin = await bridge.origin(body, context, respond)
        group = str(body.get("command", "")).lstrip("/").lower()
        text = str(body.get("text") or "")
        reply = await asyncio.to_thread(bridge.hub.command_text, origin.actor, group, text)
        await bridge.outbox.send(origin, reply)

    async def on_help(
        ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
    ) -> None:
        await ack()
        origin = await bridge.origin(body, context, respond)
        await bridge.outbox.send(origin, bridge.hub.help())

    for name in command_names(bridge)[:-1]:
        app.command(name)(on_command)
    app.command("/help")(on_help)
