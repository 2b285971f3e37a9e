"""The Discord client: slash commands from the registry, persistent buttons, forms."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.adapters.discord.commands import Tree, add_commands, add_help
from bot.adapters.discord.components import TEMPLATE, ActionButton, submitted_fields
from bot.adapters.discord.listeners import Listeners, unknown_button
from bot.adapters.discord.membership import Membership
from bot.adapters.discord.messenger import DiscordMessenger
from bot.app.hub import Hub

log = logging.getLogger(__name__)


class PrepLoopClient(discord.Client):
    """A discord.py client that hands every interaction to the hub."""

    def __init__(self, hub: Hub, *, members: bool = False, **options: Any) -> None:
        """Build the client; `members` asks for the privileged intent of member-removed events."""
        intents = discord.Intents.none()
        intents.guilds = True
        intents.members = members
        super().__init__(
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            # The members intent is only for the removal event: keep and fetch no member list.
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
            **options,
        )
        self.hub = hub
        self.messenger = DiscordMessenger(self)
        self.listeners = Listeners(hub, self.messenger, Membership(self, hub.clock))
        self.tree = Tree(self)
        add_commands(self.tree, hub.registry, self.listeners.command)
        add_help(self.tree, self.listeners.help)

    async def setup_hook(self) -> None:
        """Listen to buttons of any age and publish the slash commands."""
        self.add_dynamic_items(ActionButton)
        synced = await self.tree.sync()
        log.info("published %d slash commands", len(synced))

    async def pressed(
        self, interaction: discord.Interaction, action: str, value: str, guild: str | None
    ) -> None:
        """Handle a PrepLoop button."""
        await self.listeners.press(interaction, action, value, guild)

    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        """Free the mock partners of a member who left the server (DISCORD_MEMBERS_INTENT)."""
        await self.listeners.member_left(str(payload.guild_id), str(payload.user.id))

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Read every form by its custom_id; answer buttons PrepLoop never made."""
        kind, data = interaction.type, dict(interaction.data or {})
        if kind not in (discord.InteractionType.component, discord.InteractionType.modal_submit):
            return
        custom_id = str(data.get("custom_id", ""))
        found = TEMPLATE.fullmatch(custom_id)
        if found is None:
            log.info("unknown button or form: %r", custom_id[:100])
            await unknown_button(interaction)
        elif kind is discord.InteractionType.modal_submit:
            fields = submitted_fields(data)
            await self.listeners.submit(
                interaction, found["action"], found["value"], found["guild"], fields
            )


class ShardedPrepLoopClient(PrepLoopClient, discord.AutoShardedClient):
    """The same client connecting only some shards (`shard_ids` out of `shard_count`)."""
