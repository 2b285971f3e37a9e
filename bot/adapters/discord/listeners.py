"""Each listener translates one interaction into an Actor and one Hub call, then replies."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import discord

from bot.adapters.discord.layout import help_card
from bot.adapters.discord.membership import GONE, Membership
from bot.adapters.discord.messenger import DiscordMessenger
from bot.adapters.discord.respond import Delivery, actor_of, ask, note
from bot.app.hub import OOPS, STALE_BUTTON, Hub
from bot.app.registry import Command
from bot.core.actors import Actor
from bot.core.cards import Reply
from bot.core.ports import DeliveryError

log = logging.getLogger(__name__)

SERVER_ONLY = "PrepLoop works inside a server. Run the command there."


@dataclass
class Listeners:
    hub: Hub
    messenger: DiscordMessenger
    membership: Membership

    async def command(
        self, interaction: discord.Interaction, spec: Command, raw: dict[str, Any]
    ) -> None:
        """Run a slash command built from the registry."""
        await self._handle(
            interaction, None, lambda a: self.hub.command(a, spec.group, spec.name, raw)
        )

    async def help(self, interaction: discord.Interaction) -> None:
        """List every command."""
        card = help_card(self.hub.registry)
        await self._handle(interaction, None, lambda _: Reply.ephemeral(card))

    async def press(
        self, interaction: discord.Interaction, action: str, value: str, guild: str | None
    ) -> None:
        """Run the action behind a pressed button."""
        await self._handle(interaction, guild, lambda a: self.hub.press(a, action, value))

    async def submit(
        self,
        interaction: discord.Interaction,
        action: str,
        value: str,
        guild: str | None,
        fields: dict[str, str],
    ) -> None:
        """Run the action behind a submitted form."""
        await self._handle(interaction, guild, lambda a: self.hub.submit(a, action, value, fields))

    async def member_left(self, guild: str, user: str) -> None:
        """Tell the mock partners of a member who left the server."""
        self.membership.left(guild, user)
        messages = await asyncio.to_thread(self.hub.member_left, "discord", guild, user)
        for message in messages:
            try:
                await self.messenger.post(guild, message)
            except DeliveryError as error:
                log.warning("could not tell a partner that a member left: %s", error)

    async def _handle(
        self,
        interaction: discord.Interaction,
        community: str | None,
        call: Callable[[Actor], Reply],
    ) -> None:
        actor = actor_of(interaction, community)
        try:
            if actor is None:
                await note(interaction, SERVER_ONLY)
                return
            in_server = interaction.guild_id is not None
            started = asyncio.get_running_loop().time()
            if not in_server and not await self._still_in(interaction, actor):
                return
            spent = asyncio.get_running_loop().time() - started
            reply = await ask(
                interaction, lambda: self._checked(actor, in_server, call), spent=spent
            )
            await Delivery(interaction, self.hub, self.messenger, actor).send(reply)
        except discord.HTTPException as error:
            # e.g. an interaction that expired meanwhile; there is no one left to tell.
            log.warning("Discord refused a reply: %s %s", error.status, error.text)
        except Exception:
            log.exception("failed to answer an interaction from %s", interaction.user.id)
            await note(interaction, OOPS)

    async def _still_in(self, interaction: discord.Interaction, actor: Actor) -> bool:
        """Outside a server, answer a former member of the server named and stop there."""
        if await self.membership.still_in(actor.community_id, actor.user_id):
            return True
        name = await asyncio.to_thread(self.hub.community_name, "discord", actor.community_id)
        await note(interaction, GONE.format(server=name or "that server"))
        return False

    def _checked(self, actor: Actor, in_server: bool, call: Callable[[Actor], Reply]) -> Reply:
        """Outside a server, act only for a member PrepLoop already knows in the server named."""
        # A button in a DM names its server in its custom_id, which a forged payload can change.
        if not in_server and not self.hub.knows_member(
            actor.platform, actor.community_id, actor.user_id
        ):
            return Reply.note(STALE_BUTTON)
        return call(actor)


async def unknown_button(interaction: discord.Interaction) -> None:
    """Answer a button PrepLoop does not know (forged, or from an older version)."""
    await note(interaction, STALE_BUTTON)
