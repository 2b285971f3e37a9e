"""Post cards to Discord on the bot's own initiative: channels, threads, direct messages."""

from __future__ import annotations

from typing import Final

import aiohttp
import discord

from bot.adapters.discord.components import marked, outgoing
from bot.adapters.discord.render import embed, truncate
from bot.adapters.discord.roles import change_role
from bot.adapters.discord.spaces import close_space, open_space
from bot.core.cards import Card, Message, RoleChange, Visibility, plain
from bot.core.ports import DeliveryError, Messenger

THREAD_NAME_LIMIT = 100
THREAD_EXISTS = 160004  # Discord's code for "a thread has already been created for this message"
THREAD_ARCHIVE_MINUTES: Final = 1440
REASON_LIMIT = 200
HISTORY = 100  # recent messages looked through for a retried post (one request)


class DiscordMessenger(Messenger):
    """Deliver messages through a logged-in discord.py client."""

    platform = "discord"

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def post(self, community_id: str, message: Message) -> str:
        """Deliver one message and return the new message's id (a private space's, for one)."""
        try:
            if message.space is not None:
                return await self._space(message)
            sent = await self._send(community_id, message)
        except discord.HTTPException as error:  # raised after discord.py's own retries
            raise DeliveryError(_explain(message, error)) from error
        except (aiohttp.ClientError, TimeoutError) as error:
            # No answer came back, so the message may or may not have been posted.
            raise DeliveryError(
                f"Discord could not be reached ({type(error).__name__}); "
                "the message may not have been posted."
            ) from error
        return str(sent.id)

    async def change_role(self, community_id: str, change: RoleChange) -> str:
        """Give or take a member's role (a role reward). Raises RoleError."""
        return await change_role(self.client, community_id, change)

    async def find(self, community_id: str, message: Message) -> str | None:
        """Look through the destination's recent history for the bot's message with the marker.

        Discord keeps a nonce only briefly (it is not in the history it serves later), so a
        message is known by its nonce, by the marker its buttons' custom_ids carry, or, for a
        post without buttons, by showing exactly the same embed. A private space is not looked
        for: it is posted.
        """
        mark = message.marker
        if not mark or message.space is not None or self.client.user is None:
            return None
        try:
            where = await self._destination(message)
            async for seen in where.history(limit=HISTORY):
                if seen.author.id == self.client.user.id and _carries(seen, message):
                    return str(seen.id)
        except discord.HTTPException as error:
            raise DeliveryError(_explain(message, error)) from error
        return None

    async def _destination(self, message: Message) -> discord.abc.Messageable:
        """The channel, thread or direct conversation a message goes to."""
        if message.visibility is Visibility.DIRECT:
            if not message.to_member:
                raise DeliveryError("A direct message needs `to_member`.")
            return await self.client.create_dm(
                discord.Object(_snowflake(message.to_member, "member"))
            )
        if message.thread_of:
            return self.client.get_partial_messageable(
                _snowflake(message.thread_of, "message"), type=discord.ChannelType.public_thread
            )
        return self.client.get_partial_messageable(_snowflake(message.channel or "", "channel"))

    async def direct(
        self, user_id: str, card: Card, community_id: str | None, mark: str | None = None
    ) -> discord.Message:
        """Send a card to one member by direct message."""
        channel = await self.client.create_dm(discord.Object(_snowflake(user_id, "member")))
        return await channel.send(**outgoing(card, community_id, mark))

    async def _space(self, message: Message) -> str:
        assert message.space is not None
        if message.space.ref:
            return await close_space(self.client, message.space.ref, message.card)
        return await open_space(self.client, message.channel, message.space, message.card)

    async def _send(self, community_id: str, message: Message) -> discord.Message:
        if message.visibility is Visibility.DIRECT:
            if not message.to_member:
                raise DeliveryError("A direct message needs `to_member`.")
            return await self.direct(message.to_member, message.card, community_id, message.marker)
        if message.thread_of:
            return await self._in_thread(message)
        if not message.channel:
            raise DeliveryError("A channel message needs `channel`.")
        channel = self.client.get_partial_messageable(_snowflake(message.channel, "channel"))
        return await channel.send(**outgoing(message.card, mark=message.marker))

    async def _in_thread(self, message: Message) -> discord.Message:
        """Reply in the thread under `thread_of`, starting it the first time."""
        assert message.thread_of is not None
        # A thread started on a message shares that message's id.
        thread_id = _snowflake(message.thread_of, "message")
        thread = self.client.get_partial_messageable(
            thread_id, type=discord.ChannelType.public_thread
        )
        try:
            return await thread.send(**outgoing(message.card, mark=message.marker))
        except discord.NotFound:
            if not message.channel:
                raise
        await self._start_thread(_snowflake(message.channel, "channel"), thread_id, message.card)
        return await thread.send(**outgoing(message.card, mark=message.marker))

    async def _start_thread(self, channel_id: int, message_id: int, card: Card) -> None:
        name = truncate(plain(card.title) or plain(card.text) or "Discussion", THREAD_NAME_LIMIT)
        try:
            await self.client.http.start_thread_with_message(
                channel_id,
                message_id,
                name=" ".join(name.split()) or "Discussion",
                auto_archive_duration=THREAD_ARCHIVE_MINUTES,
            )
        except discord.HTTPException as error:
            if error.code != THREAD_EXISTS:  # another process started it meanwhile
                raise


def _carries(seen: discord.Message, message: Message) -> bool:
    """Return whether a message from history is this scheduled post, sent before."""
    mark = message.marker or ""
    if seen.nonce is not None and str(seen.nonce) == mark:
        return True
    ids = [
        str(getattr(child, "custom_id", None) or "")
        for row in seen.components
        for child in getattr(row, "children", ())
    ]
    if message.card.buttons:
        return marked(ids, mark)
    return not ids and bool(seen.embeds) and _same_embed(seen.embeds[0], embed(message.card))


def _same_embed(seen: discord.Embed, ours: discord.Embed) -> bool:
    """Whether two embeds show the same title, text and footer (a post without buttons)."""
    return (seen.title, seen.description, seen.footer.text) == (
        ours.title,
        ours.description,
        ours.footer.text,
    )


def _snowflake(raw: str, what: str) -> int:
    if not raw.isdigit():
        raise DeliveryError(f"{raw!r} is not a Discord {what} id.")
    return int(raw)


def _explain(message: Message, error: discord.HTTPException) -> str:
    if message.space is not None:
        where = f"a private thread under channel {message.channel}"
    elif message.visibility is Visibility.DIRECT:
        where = f"member {message.to_member} (direct message)"
    elif message.thread_of:
        where = f"the thread on message {message.thread_of} in channel {message.channel}"
    else:
        where = f"channel {message.channel}"
    return f"Cannot post to {where} on Discord: {_reason(error)}."


def _reason(error: discord.HTTPException) -> str:
    if isinstance(error, discord.DiscordServerError):
        # Its text may be a whole HTML error page; the status says enough.
        return f"a server error at Discord ({error.status}), usually brief"
    if isinstance(error, discord.Forbidden):
        reason = "missing permission"
    elif isinstance(error, discord.NotFound):
        reason = "not found"
    else:
        reason = "Discord refused the message"
    return f"{reason} ({error.status}: {truncate(error.text, REASON_LIMIT)})"
