"""What every listener shares: the hub, the admin lookup, the outbox and unfinished replies."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack.home import Homes
from bot.adapters.slack.outbox import Origin, Outbox
from bot.adapters.slack.people import Admins, who
from bot.app.hub import Hub

log = logging.getLogger(__name__)


@dataclass
class Bridge:
    hub: Hub
    admins: Admins
    outbox: Outbox
    homes: Homes
    pending: set[asyncio.Task[None]] = field(default_factory=set)

    async def origin(
        self,
        body: dict[str, Any],
        context: AsyncBoltContext,
        channel_id: str | None = None,
        *,
        admin_only: bool = True,
    ) -> Origin:
        """Translate a payload into the acting member and the ways to answer them.

        `admin_only` (admin commands, and the buttons and forms the registry marks as an
        admin's) asks Slack about anyone not confirmed as an admin within the last minute;
        everything else may reuse a recent "no" (see `Admins`), so members pressing buttons do
        not cost a users.info call each.
        """
        found = who(body, context)
        if channel_id is not None:
            found = replace(found, channel_id=channel_id)
        lookup = self.admins.check if admin_only else self.admins.everyday
        is_admin = await lookup(found.team_id, found.user_id)
        trigger_id, response_url = str(body.get("trigger_id") or ""), context.response_url or ""
        return Origin(found.actor(is_admin=is_admin), trigger_id, response_url)

    async def refreshed(self, origin: Origin) -> None:
        """After a member's command, press or form: refresh their Home tab if they opened it."""
        await self.homes.refresh(origin.actor)

    def later(self, work: Coroutine[Any, Any, None]) -> None:
        """Finish an interaction after its acknowledgement has gone back to Slack.

        The app answers Slack's request only when its listener returns (bolt's
        process_before_response), so a listener acknowledges, hands the rest here and returns.
        """
        task = asyncio.ensure_future(work)
        self.pending.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self.pending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error(
                "a Slack interaction failed after it was acknowledged", exc_info=task.exception()
            )

    async def drain(self, within: float) -> None:
        """Wait up to `within` seconds for the replies still on their way (at shutdown)."""
        if self.pending:
            await asyncio.wait(set(self.pending), timeout=within)
