"""Modal submissions: the callback_id is the form's action, the value rides in private_metadata."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack.blocks import read_fields, read_metadata
from bot.adapters.slack.bridge import Bridge

ANY = re.compile(r".+")


def register(app: AsyncApp, bridge: Bridge) -> None:
    """Listen to every modal submission: the form closes at once, the answer follows."""

    async def submit(body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext) -> None:
        value, channel = read_metadata(str(view.get("private_metadata") or ""))
        action, fields = str(view.get("callback_id", "")), read_fields(view)
        admin_only = action in bridge.hub.registry.admin_submits
        origin = await bridge.origin(body, context, channel_id=channel, admin_only=admin_only)
        reply = await asyncio.to_thread(bridge.hub.submit, origin.actor, action, value, fields)
        await bridge.outbox.send(origin, reply)
        await bridge.refreshed(origin)

    async def on_submit(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        await ack()
        bridge.later(submit(body, view, context))

    app.view(ANY)(on_submit)
