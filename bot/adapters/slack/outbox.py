"""Deliver a service reply to the member who typed a command, pressed a button or sent a form."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.slack.blocks import message_payload, modal_view
from bot.adapters.slack.messenger import SlackMessenger
from bot.adapters.slack.pool import shared_session
from bot.app.hub import Hub
from bot.core.actors import Actor
from bot.core.cards import Card, Message, Modal, Reply, Visibility
from bot.core.ports import DeliveryError

log = logging.getLogger(__name__)
T = TypeVar("T")

FORM_FAILED = "Slack could not open the form. Press the button again."
NOT_DELIVERED = "I couldn't deliver that. {reason}"
FILES_SENT = "I sent the file to you in a direct message."


@dataclass(frozen=True)
class Origin:
    """The member an interaction came from, and how to answer them."""

    actor: Actor
    trigger_id: str = ""
    response_url: str = ""


def ack_payload(origin: Origin, reply: Reply) -> dict[str, Any] | None:
    """The acknowledgement that carries a reply, when it is one private card and nothing else."""
    if reply.modal is not None or len(reply.messages) != 1:
        return None
    message = reply.messages[0]
    private = message.visibility is Visibility.EPHEMERAL
    if not private or message.to_member not in (None, origin.actor.user_id):
        return None
    if message.card.files or message.track:
        return None
    return {**message_payload(message.card), "response_type": "ephemeral"}


class Outbox:
    """Open the reply's form first (the trigger expires in 3 s), then send its messages."""

    def __init__(self, hub: Hub, messenger: SlackMessenger) -> None:
        self.hub = hub
        self.messenger = messenger

    async def send(self, origin: Origin, reply: Reply) -> None:
        """Deliver a whole reply."""
        if reply.modal is not None:
            await self._open(origin, reply.modal)
        for message in reply.messages:
            await self._deliver(origin, message)

    async def deliver(self, community_id: str, messages: list[Message]) -> None:
        """Post messages no member is waiting on; one that Slack refuses is logged."""
        for message in messages:
            try:
                await self.messenger.post(community_id, message)
            except DeliveryError as error:
                self.hub.metrics.reply_posted("slack", delivered=False)
                log.warning("a message in %s was not delivered: %s", community_id, error)
            else:
                self.hub.metrics.reply_posted("slack", delivered=True)

    async def _open(self, origin: Origin, modal: Modal) -> None:
        view = modal_view(modal, origin.actor.channel_id)
        opened = await _quietly(
            self.messenger.client.views_open(trigger_id=origin.trigger_id, view=view)
        )
        if opened is None:
            await self.note(origin, FORM_FAILED)

    async def _deliver(self, origin: Origin, message: Message) -> None:
        actor = origin.actor
        private = message.visibility is Visibility.EPHEMERAL
        if private and message.to_member in (None, actor.user_id):
            await self._ephemeral(origin, message.card)
            return
        message = replace(
            message,
            channel=message.channel or actor.channel_id,
            to_member=message.to_member or actor.user_id,
        )
        try:
            ref = await self.messenger.post(actor.community_id, message)
        except DeliveryError as error:
            self.hub.metrics.reply_posted("slack", delivered=False)
            await self.note(origin, NOT_DELIVERED.format(reason=error))
            return
        self.hub.metrics.reply_posted("slack", delivered=True)
        if message.track:
            await asyncio.to_thread(self.hub.track, actor, message.track, ref)

    async def note(self, origin: Origin, text: str) -> None:
        """Tell the member something privately."""
        await self._ephemeral(origin, Card(text=text))

    async def _ephemeral(self, origin: Origin, card: Card) -> None:
        """Answer privately: through response_url, else in the channel, else directly."""
        payload = message_payload(card)
        if card.files:
            await self._files_in_dm(origin.actor, card)
            payload = message_payload(replace(card, footer=FILES_SENT, files=()))
        if origin.response_url and await self._respond(origin.response_url, payload):
            return
        actor = origin.actor
        if actor.channel_id:
            shown = self.messenger.ephemeral(actor.channel_id, actor.user_id, payload)
            if await _quietly(shown) is not None:
                return
        await _quietly(self.messenger.direct(actor.user_id, payload))

    async def _respond(self, response_url: str, payload: dict[str, Any]) -> bool:
        # bolt's respond() would open a new connection for every reply.
        hook = AsyncWebhookClient(response_url, session=shared_session())
        try:
            sent = await hook.send(response_type="ephemeral", replace_original=False, **payload)
        except (ClientError, TimeoutError) as error:
            log.info("response_url failed: %s", type(error).__name__)
            return False
        return sent.status_code == 200

    async def _files_in_dm(self, actor: Actor, card: Card) -> None:
        channel = await _quietly(self.messenger.dm_channel(actor.user_id))
        if channel:
            await self.messenger.attach(channel, card.files)


async def _quietly(call: Awaitable[T]) -> T | None:
    """Run one Slack call; log and return None when Slack refuses or cannot be reached."""
    try:
        return await call
    except SlackApiError as error:
        log.info("Slack refused a call: %s", error.response.get("error"))
    except (SlackClientError, ClientError, TimeoutError) as error:
        log.warning("Slack call failed: %s", type(error).__name__)
    return None
