"""Post cards to Slack on the bot's own initiative: channels, thread replies, direct messages."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.blocks import message_payload
from bot.core.cards import Attachment, Message, Visibility
from bot.core.ports import DeliveryError, Messenger

log = logging.getLogger(__name__)

REASONS = {
    "channel_not_found": (
        "Slack channel {where} was not found: it was deleted, or it is private "
        "and PrepLoop was not invited."
    ),
    "not_in_channel": "PrepLoop is not a member of {where}. Invite it with `/invite @PrepLoop`.",
    "is_archived": "Slack channel {where} is archived.",
    "missing_scope": (
        "The Slack app lacks the permission `{needed}`. Reinstall it with the scopes "
        "listed in slack-manifest.yaml."
    ),
    "user_not_found": "Slack member {where} was not found.",
    "cannot_dm_bot": "Slack member {where} is a bot and cannot get direct messages.",
    "user_disabled": "Slack member {where} is deactivated.",
}
REFUSED = "Slack refused the message to {where}: {code}."
UNAVAILABLE = "Slack was unavailable (HTTP {status}) for the message to {where}, also when retried."


def explain(error: SlackApiError, where: str) -> str:
    """A clear sentence for an operator or an admin about why Slack refused a message."""
    answer = error.response
    status = getattr(answer, "status_code", None) or getattr(answer, "status", 0)
    if isinstance(status, int) and status >= 500:  # the retry handlers have given up already
        return UNAVAILABLE.format(status=status, where=where or "?")
    if not callable(getattr(answer, "get", None)):  # a raw answer whose body was not JSON
        return REFUSED.format(where=where or "?", code="unreadable_answer")
    code = str(answer.get("error", "unknown_error"))
    needed = str(answer.get("needed", "?"))
    return REASONS.get(code, REFUSED).format(where=where or "?", code=code, needed=needed)


class SlackMessenger(Messenger):
    """Deliver messages through the Slack Web API with the bot token."""

    platform = "slack"

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def post(self, community_id: str, message: Message) -> str:
        """Post one message and return its ts; raise DeliveryError when Slack refuses it."""
        # One bot token serves one workspace (or one org-wide install): the token, not
        # community_id, decides where the message goes.
        where = message.to_member if message.visibility is Visibility.DIRECT else message.channel
        if message.space is not None:
            where = "a group DM of " + ", ".join(message.space.members)
        try:
            if message.space is not None:
                return await self._space(message)
            channel, ts = await self._send(message)
        except SlackApiError as error:
            raise DeliveryError(explain(error, where or "")) from error
        except (SlackClientError, ClientError, TimeoutError) as error:
            raise DeliveryError(f"Slack could not be reached ({type(error).__name__}).") from error
        thread = message.thread_of if message.visibility is Visibility.CHANNEL else None
        await self.attach(channel, message.card.files, thread)
        return ts

    async def _space(self, message: Message) -> str:
        """Open a group DM with the members and post there, or post a goodbye and close one."""
        assert message.space is not None
        payload = message_payload(message.card)
        if message.space.ref:
            await self.to_channel(message.space.ref, payload)
            await self.client.conversations_close(channel=message.space.ref)
            return message.space.ref
        opened = await self.client.conversations_open(users=",".join(message.space.members))
        channel = str((opened.get("channel") or {}).get("id") or "")
        if not channel:
            raise DeliveryError("Slack opened no group DM for the members.")
        await self.to_channel(channel, payload)
        return channel

    async def _send(self, message: Message) -> tuple[str, str]:
        """Deliver the card; return where its files may go and the message ts."""
        payload = message_payload(message.card)
        member, channel = message.to_member, message.channel
        if message.visibility is Visibility.CHANNEL:
            if not channel:
                raise DeliveryError("The message names no Slack channel to post in.")
            return await self.to_channel(channel, payload, message.thread_of)
        if not member:
            raise DeliveryError("A private message needs a member to send it to.")
        if message.visibility is Visibility.DIRECT or not channel:
            return await self.direct(member, payload)
        ts = await self.ephemeral(channel, member, payload)
        return (await self.dm_channel(member) if message.card.files else ""), ts

    async def to_channel(
        self, channel: str, payload: dict[str, Any], thread_ts: str | None = None
    ) -> tuple[str, str]:
        """Post in a channel (or under a thread) and return the channel id and the ts."""
        response = await self.client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, unfurl_links=False, **payload
        )
        return str(response.get("channel", channel)), str(response.get("ts", ""))

    async def dm_channel(self, user_id: str) -> str:
        """The id of the direct conversation between the bot and a member."""
        opened = await self.client.conversations_open(users=user_id)
        return str((opened.get("channel") or {}).get("id") or user_id)

    async def direct(self, user_id: str, payload: dict[str, Any]) -> tuple[str, str]:
        """Post to a member directly; return the conversation id and the ts."""
        return await self.to_channel(await self.dm_channel(user_id), payload)

    async def ephemeral(self, channel: str, user_id: str, payload: dict[str, Any]) -> str:
        """Show a message to one member in a channel; return its message ts."""
        response = await self.client.chat_postEphemeral(channel=channel, user=user_id, **payload)
        return str(response.get("message_ts", ""))

    async def attach(
        self, channel: str, files: tuple[Attachment, ...], thread_ts: str | None = None
    ) -> None:
        """Upload a card's files next to it; a failure is logged, the card stays delivered."""
        if not files or not channel:
            return
        uploads = [
            {"file": f.data, "filename": f.filename, "title": f.description or f.filename}
            for f in files
        ]
        try:
            await self.client.files_upload_v2(
                file_uploads=uploads, channel=channel, thread_ts=thread_ts, request_file_info=False
            )
        except SlackApiError as error:
            log.warning("file upload to %s failed: %s", channel, explain(error, channel))
        except (SlackClientError, ClientError, TimeoutError) as error:
            log.warning("file upload to %s failed: %s", channel, type(error).__name__)
