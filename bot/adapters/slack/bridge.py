"""What every listener shares: the hub, the admin lookup, the outbox and unfinished replies."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.adapters.slack.outbox import Origin, Outbox
from bot.adapters.slack.people import Admins, who
from bot.app.hub import Hub

log = logging.getLogger(__name__)


@dataclass
class Bridge:
    hub: Hub
    admins: Admins
    outbox: Outbox
    pending: set[asyncio.Task[None]] = field(default_factory=set)

    async def origin(
        self,
        body: dict[str, Any],
        context: AsyncBoltContext,
        channel_id: str | None = None,
        *,
        ask_slack: bool = True,
    ) -> Origin:
        """Translate a payload into the acting member and the ways to answer them.

        With `ask_slack` (admin commands, every button and form) a member not known as an admin
        is looked up in users.info; without it (the other slash commands, which no admin check
        guards) only SLACK_ADMIN_IDS and a "yes" from the last minute count, and Slack is spared
        a users.info call for every command a member types.
        """
        found = who(body, context)
        if channel_id is not None:
            found = replace(found, channel_id=channel_id)
        if ask_slack:
            is_admin = await self.admins.check(found.team_id, found.user_id)
        else:
            is_admin = self.admins.known(found.team_id, found.user_id)
        trigger_id, response_url = str(body.get("trigger_id") or ""), context.response_url or ""
        return Origin(found.actor(is_admin=is_admin), trigger_id, response_url)

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
