"""Slash commands: one per command group of the registry, plus /help."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack.bridge import Bridge
from bot.adapters.slack.outbox import Origin, ack_payload
from bot.app.parsing import parse
from bot.app.registry import UserError
from bot.core.cards import Reply

HELP = "/help"
ANSWER_IN_ACK_WITHIN = 1.0  # seconds; Slack gives up on an acknowledgement after 3


def command_names(bridge: Bridge) -> list[str]:
    """Every slash command the app answers, as typed in Slack."""
    return [f"/{group}" for group in bridge.hub.registry.groups()] + [HELP]


def is_admin_command(bridge: Bridge, group: str, text: str) -> bool:
    """Whether `/group text` names a command only admins may run."""
    try:
        spec, _ = parse(bridge.hub.registry, group, text)
    except UserError:
        return False
    return spec.admin


def register(app: AsyncApp, bridge: Bridge) -> None:
    """Listen to every group's slash command and to /help."""

    async def answer(body: dict[str, Any], context: AsyncBoltContext) -> tuple[Origin, Reply]:
        command = str(body.get("command", "")).lower()
        text = str(body.get("text") or "")
        admin_only = command != HELP and is_admin_command(bridge, command.lstrip("/"), text)
        origin = await bridge.origin(body, context, admin_only=admin_only)
        if command == HELP:
            return origin, bridge.hub.help()
        reply = await asyncio.to_thread(
            bridge.hub.command_text, origin.actor, command.lstrip("/"), text
        )
        return origin, reply

    async def on_command(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
        # A quick private answer goes back in the acknowledgement itself: one HTTP exchange,
        # not two. A slow or richer one is acknowledged first and sent through the outbox.
        answering = asyncio.ensure_future(answer(body, context))
        done, _ = await asyncio.wait({answering}, timeout=ANSWER_IN_ACK_WITHIN)
        if done and answering.exception() is None:
            origin, reply = answering.result()
            payload = ack_payload(origin, reply)
            if payload is not None:
                await ack(**payload)
                bridge.later(bridge.refreshed(origin))
                return
        await ack()
        bridge.later(send(answering))

    async def send(answering: asyncio.Future[tuple[Origin, Reply]]) -> None:
        origin, reply = await answering
        await bridge.outbox.send(origin, reply)
        await bridge.refreshed(origin)

    # One listener for all: bolt tries listeners in turn, each try costs a matcher call.
    names = "|".join(re.escape(name) for name in command_names(bridge))
    app.command(re.compile(f"^(?:{names})$"))(on_command)
