"""Answer an interaction with a Reply: the first message responds, the others follow up."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable

import discord

from bot.adapters.discord.components import CUSTOM_ID_LIMIT, Form, outgoing
from bot.adapters.discord.messenger import DiscordMessenger
from bot.adapters.discord.render import embed, mention
from bot.app.hub import OOPS, Hub
from bot.core.actors import Actor
from bot.core.cards import Card, Message, Modal, Reply, Visibility
from bot.core.ports import DeliveryError

log = logging.getLogger(__name__)

DEFER_AFTER = 2.0  # seconds; Discord forgets an interaction left unanswered for 3
DONE = "Done."
SENT_DIRECT = "Sent you a direct message."
DIRECT_CLOSED = "I couldn't send a direct message to {member}: they don't accept them from me."
NOT_POSTED = "I couldn't post that message: I may lack permission in that channel, or it is gone."
FORM_TOO_LATE = "That took too long for me to open the form. Press the button again."


async def note(interaction: discord.Interaction, text: str) -> None:
    """Tell the member something privately, whether or not the interaction is answered."""
    shown = embed(Card(text=text))
    try:
        if interaction.response.is_done():
            await interaction.followup.send(embed=shown, ephemeral=True)
        else:
            await interaction.response.send_message(embed=shown, ephemeral=True)
    except discord.HTTPException as error:
        log.warning("could not send a note: %s %s", error.status, error.text)


def actor_of(interaction: discord.Interaction, community: str | None = None) -> Actor | None:
    """Translate who acts and where; None outside a server when no community is known."""
    guild = str(interaction.guild_id) if interaction.guild_id else community
    if guild is None:
        return None
    granted = interaction.permissions
    return Actor(
        platform="discord",
        community_id=guild,
        user_id=str(interaction.user.id),
        display_name=interaction.user.display_name,
        community_name=interaction.guild.name if interaction.guild else "",
        channel_id=str(interaction.channel_id or ""),
        is_admin=bool(interaction.guild_id) and (granted.manage_guild or granted.administrator),
        can_manage_roles=interaction.app_permissions.manage_roles if interaction.guild_id else None,
    )


async def ask(
    interaction: discord.Interaction, call: Callable[[], Reply], *, spent: float = 0.0
) -> Reply:
    """Run a hub call off the event loop, deferring the interaction if it is slow.

    `spent` is how many seconds of the answer's deadline earlier checks already used.
    """
    task = asyncio.create_task(asyncio.to_thread(call))
    done, _ = await asyncio.wait({task}, timeout=max(0.0, DEFER_AFTER - spent))
    if not done:
        await interaction.response.defer(ephemeral=True, thinking=True)
    return await task


@dataclasses.dataclass
class Delivery:
    """Send one Reply in answer to one interaction."""

    interaction: discord.Interaction
    hub: Hub
    messenger: DiscordMessenger
    actor: Actor
    deferred: bool = False
    followed: bool = False
    sent_direct: bool = False

    @property
    def button_guild(self) -> str | None:
        """Outside a server, buttons must carry the community they belong to."""
        return None if self.interaction.guild_id else self.actor.community_id

    async def send(self, reply: Reply) -> None:
        """Open the form, send every message, and make sure the interaction is answered."""
        self.deferred = self.interaction.response.is_done()
        if reply.modal is not None:
            await self._open(reply.modal)
        for message in reply.messages:
            ref = await self._route(message)
            if message.track and ref:
                await asyncio.to_thread(self.hub.track, self.actor, message.track, ref)
        await self._close()

    async def _open(self, modal: Modal) -> None:
        if self.interaction.response.is_done():
            await self.respond(Card(text=FORM_TOO_LATE), ephemeral=True)
            return
        form = Form(modal, self.button_guild)
        if len(form.custom_id) > CUSTOM_ID_LIMIT:
            log.error("form %r not opened: its custom_id is over 100 characters", modal.action)
            await self.respond(Card(text=OOPS), ephemeral=True)
            return
        await self.interaction.response.send_modal(form)

    async def _route(self, message: Message) -> str | None:
        if message.visibility is Visibility.DIRECT:
            return await self._direct(message)
        target = message.channel or self.actor.channel_id
        elsewhere = bool(message.thread_of) or target != self.actor.channel_id
        if message.visibility is Visibility.CHANNEL and (elsewhere or self.deferred):
            # After a private "thinking…" answer a follow-up would be private too: post instead.
            placed = dataclasses.replace(message, channel=target)
            try:
                ref = await self.messenger.post(self.actor.community_id, placed)
            except DeliveryError:
                self.hub.metrics.reply_posted("discord", delivered=False)
                await self.respond(Card(text=NOT_POSTED), ephemeral=True)
                return None
            self.hub.metrics.reply_posted("discord", delivered=True)
            return ref
        return await self.respond(
            message.card, ephemeral=message.visibility is Visibility.EPHEMERAL
        )

    async def _direct(self, message: Message) -> str | None:
        member = message.to_member or self.actor.user_id
        try:
            sent = await self.messenger.direct(member, message.card, self.actor.community_id)
        except (discord.Forbidden, discord.NotFound, DeliveryError):
            self.hub.metrics.reply_posted("discord", delivered=False)
            if member == self.actor.user_id:  # show it here instead
                return await self.respond(message.card, ephemeral=True)
            await self.respond(
                Card(text=DIRECT_CLOSED.format(member=mention(member))), ephemeral=True
            )
            return None
        self.hub.metrics.reply_posted("discord", delivered=True)
        self.sent_direct = True
        return str(sent.id)

    async def respond(self, card: Card, ephemeral: bool) -> str:
        """Answer the interaction with a card, or follow up if it is answered already."""
        kwargs = outgoing(card, self.button_guild)
        response = self.interaction.response
        if not response.is_done():
            callback = await response.send_message(ephemeral=ephemeral, **kwargs)
            if callback.message_id is not None:
                return str(callback.message_id)
            return str((await self.interaction.original_response()).id)
        sent = await self.interaction.followup.send(ephemeral=ephemeral, wait=True, **kwargs)
        self.followed = True
        return str(sent.id)

    async def _close(self) -> None:
        """Answer an interaction that nothing answered yet (or end its "thinking…")."""
        note = Card(text=SENT_DIRECT if self.sent_direct else DONE)
        if self.interaction.response.is_done():
            if self.deferred and not self.followed:
                await self.respond(note, ephemeral=True)
        elif self.interaction.type is discord.InteractionType.component and not self.sent_direct:
            await self.interaction.response.defer()  # a silent acknowledgement
        else:
            await self.respond(note, ephemeral=True)
