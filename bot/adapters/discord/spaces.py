"""Private spaces on Discord: a private thread for a few members, removed when its time is over."""

from __future__ import annotations

from typing import Final

import discord

from bot.adapters.discord.components import outgoing
from bot.core.cards import Card, Space
from bot.core.ports import DeliveryError

NAME_LIMIT = 100
ARCHIVE_MINUTES: Final = 1440


async def open_space(client: discord.Client, parent: str | None, space: Space, card: Card) -> str:
    """Start a private thread under `parent`, add the members, post the card; return its id."""
    if not parent or not parent.isdigit():
        raise DeliveryError("No channel to open a private thread under.")
    made = await client.http.start_thread_without_message(
        int(parent),
        name=space.name[:NAME_LIMIT] or "Mock interview",
        auto_archive_duration=ARCHIVE_MINUTES,
        type=discord.ChannelType.private_thread.value,
        invitable=False,
    )
    thread_id = int(made["id"])
    for member in space.members:
        await client.http.add_user_to_thread(thread_id, int(member))
    thread = client.get_partial_messageable(thread_id, type=discord.ChannelType.private_thread)
    await thread.send(**outgoing(card))
    return str(thread_id)


async def close_space(client: discord.Client, ref: str, card: Card) -> str:
    """Post the goodbye card in the thread, then delete the thread."""
    thread = client.get_partial_messageable(int(ref), type=discord.ChannelType.private_thread)
    try:
        await thread.send(**outgoing(card))
    except discord.NotFound:
        return ref  # removed already, by a moderator or an earlier attempt
    await client.http.delete_channel(int(ref), reason="The mock interview is over")
    return ref
