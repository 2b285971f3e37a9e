"""What every listener shares: the hub, the admin lookup and the outbox."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack.outbox import Origin, Outbox
from bot.adapters.slack.people import Admins, who
from bot.services.hub import Hub


@dataclass
class Bridge:
    hub: Hub
    admins: Admins
    outbox: Outbox

    async def origin(
        self,
        body: dict[str, Any],
        context: AsyncBoltContext,
        channel_id: str | None = None,
    ) -> Origin:
        """Translate a payload into the acting member and the ways to answer them."""
        found = who(body, context)
        if channel_id is not None:
            found = replace(found, channel_id=channel_id)
        is_admin = await self.admins.check(found.user_id)
        trigger_id, response_url = str(body.get("trigger_id") or ""), context.response_url or ""
        return Origin(found.actor(is_admin=is_admin), trigger_id, response_url)
