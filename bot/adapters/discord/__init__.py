"""The Discord adapter: `serve(hub, settings)` runs the bot until it is stopped."""

from __future__ import annotations

from bot.adapters.discord.client import PrepLoopClient, ShardedPrepLoopClient
from bot.adapters.discord.messenger import DiscordMessenger
from bot.adapters.discord.shards import Shards
from bot.app.hub import Hub
from bot.config import Settings

__all__ = ["DiscordMessenger", "PrepLoopClient", "Shards", "build_client", "serve"]


def build_client(hub: Hub, settings: Settings) -> PrepLoopClient:
    """Build the client: commands from the registry, buttons, forms, no pings; its shards."""
    members = settings.discord_members_intent
    shards = Shards.from_settings(settings)
    if shards is None:
        return PrepLoopClient(hub, members=members)
    return ShardedPrepLoopClient(
        hub, members=members, shard_ids=list(shards.ids), shard_count=shards.count
    )


async def serve(hub: Hub, settings: Settings) -> None:
    """Connect to Discord with DISCORD_TOKEN and serve until cancelled."""
    if settings.discord_token is None:
        raise ValueError("DISCORD_TOKEN is not set")
    client = build_client(hub, settings)
    async with client:
        await client.start(settings.discord_token.get_secret_value())
