"""Whether someone pressing a button in a direct message is still in the server it belongs to."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import discord

from bot.core.clock import Clock

log = logging.getLogger(__name__)

REMEMBER_FOR = timedelta(minutes=5)
# An interaction must be answered within 3 s: a slow lookup lets the press through instead.
LOOKUP_TIMEOUT = 1.0  # seconds
GONE = "You're no longer in {server}, so this button no longer works."


@dataclass
class Membership:
    """Ask Discord whether a member is still in a server, remembering the answer briefly."""

    client: discord.Client
    clock: Clock
    remember_for: timedelta = REMEMBER_FOR
    _known: dict[tuple[str, str], tuple[bool, datetime]] = field(default_factory=dict)

    async def still_in(self, guild: str, user: str) -> bool:
        """Return whether the user is in the guild; True when Discord cannot tell right now."""
        now = self.clock.now()
        known = self._known.get((guild, user))
        if known is not None and known[1] > now:
            return known[0]
        found = await self._ask(int(guild), int(user))
        if found is None:
            return True
        self._known[(guild, user)] = (found, now + self.remember_for)
        return found

    def left(self, guild: str, user: str) -> None:
        """Remember at once that a member left (the members intent reports it)."""
        self._known[(guild, user)] = (False, self.clock.now() + self.remember_for)

    async def _ask(self, guild_id: int, user_id: int) -> bool | None:
        guild = self.client.get_guild(guild_id)
        lookup: Awaitable[Any]
        if guild is None:  # a server on another shard: only its id is known here
            lookup = self.client.http.get_member(guild_id, user_id)
        elif guild.get_member(user_id) is not None:
            return True
        else:
            lookup = guild.fetch_member(user_id)
        try:
            await asyncio.wait_for(lookup, LOOKUP_TIMEOUT)
        except discord.NotFound:
            return False
        except (discord.HTTPException, TimeoutError) as error:
            log.warning("could not check a member of guild %s: %r", guild_id, error)
            return None
        return True
