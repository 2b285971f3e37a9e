"""Post cards to Slack on the bot's own initiative: channels, thread replies, direct messages."""

from __future__ import annotations

import asyncio
import copy
import logging
from typing import Any

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
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
EVENT_TYPE = "preploop_post"  # the message metadata a scheduled post carries its marker in
HISTORY = 100  # recent messages looked through for a retried post (one request)
SENDS = 3  # tries of a marked post whose answer was lost (a 5xx or a dropped connection)
RESEND_PAUSE = 0.5  # seconds, doubled after each lost answer
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
        self.once = _without_resending(client)

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

    async def find(self, community_id: str, message: Message) -> str | None:
        """Return the ts of the bot's message with the marker in its metadata, if one is found.

        Channel posts, thread replies and direct messages are looked for (conversations.history
        or .replies with include_all_metadata); private messages and group DMs are not.
        """
        mark = message.marker
        if not mark or message.space is not None:
            return None
        try:
            if message.visibility is Visibility.DIRECT and message.to_member:
                return await self._marked_in(await self.dm_channel(message.to_member), None, mark)
            if message.visibility is Visibility.CHANNEL and message.channel:
                return await self._marked_in(message.channel, message.thread_of, mark)
        except SlackApiError as error:
            raise DeliveryError(explain(error, message.channel or "")) from error
        return None

    async def _marked_in(self, channel: str, thread_ts: str | None, mark: str) -> str | None:
        if thread_ts:
            found = await self.client.conversations_replies(
                channel=channel, ts=thread_ts, limit=HISTORY, include_all_metadata=True
            )
        else:
            found = await self.client.conversations_history(
                channel=channel, limit=HISTORY, include_all_metadata=True
            )
        for seen in found.get("messages") or []:
            if _marker_of(seen) == mark:
                return str(seen.get("ts") or "") or None
        return None

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
            return await self.to_channel(channel, payload, message.thread_of, message.marker)
        if not member:
            raise DeliveryError("A private message needs a member to send it to.")
        if message.visibility is Visibility.DIRECT or not channel:
            return await self.direct(member, payload, message.marker)
        ts = await self.ephemeral(channel, member, payload)
        return (await self.dm_channel(member) if message.card.files else ""), ts

    async def to_channel(
        self,
        channel: str,
        payload: dict[str, Any],
        thread_ts: str | None = None,
        mark: str | None = None,
    ) -> tuple[str, str]:
        """Post in a channel (or under a thread) and return the channel id and the ts."""
        if mark:
            return await self._marked_post(channel, payload, thread_ts, mark)
        response = await self.client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, unfurl_links=False, **payload
        )
        return str(response.get("channel", channel)), str(response.get("ts", ""))

    async def _marked_post(
        self, channel: str, payload: dict[str, Any], thread_ts: str | None, mark: str
    ) -> tuple[str, str]:
        """Post a scheduled message; after a lost answer, look for it before sending it again.

        A 5xx or a dropped connection may come after Slack posted the message, so these are not
        retried blindly (as the client's handlers would): the channel is read for the marker
        first, and the message is sent again only when it is not there.
        """
        metadata = {"event_type": EVENT_TYPE, "event_payload": {"claim": mark}}
        pause = RESEND_PAUSE
        for attempt in range(1, SENDS + 1):
            try:
                response = await self.once.chat_postMessage(
                    channel=channel,
                    thread_ts=thread_ts,
                    unfurl_links=False,
                    metadata=metadata,
                    **payload,
                )
                return str(response.get("channel", channel)), str(response.get("ts", ""))
            except (SlackApiError, SlackClientError, ClientError, TimeoutError) as error:
                if attempt == SENDS or not _answer_lost(error):
                    raise
                log.warning(
                    "Slack lost the answer to a post in %s (%r); looking for it", channel, error
                )
            await asyncio.sleep(pause)
            pause *= 2
            found = await self._look_quietly(channel, thread_ts, mark)
            if found:
                return channel, found
        raise AssertionError("unreachable")  # pragma: no cover

    async def _look_quietly(self, channel: str, thread_ts: str | None, mark: str) -> str | None:
        """Look for a marked message; None (send it again) when the history cannot be read."""
        try:
            return await self._marked_in(channel, thread_ts, mark)
        except (SlackApiError, SlackClientError, ClientError, TimeoutError) as error:
            log.warning("could not read %s's history, posting again: %r", channel, error)
            return None

    async def dm_channel(self, user_id: str) -> str:
        """The id of the direct conversation between the bot and a member."""
        opened = await self.client.conversations_open(users=user_id)
        return str((opened.get("channel") or {}).get("id") or user_id)

    async def direct(
        self, user_id: str, payload: dict[str, Any], mark: str | None = None
    ) -> tuple[str, str]:
        """Post to a member directly; return the conversation id and the ts."""
        return await self.to_channel(await self.dm_channel(user_id), payload, mark=mark)

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


def _without_resending(client: AsyncWebClient) -> AsyncWebClient:
    """The same client without the handlers that resend a request whose answer was lost."""
    once = copy.copy(client)
    once.retry_handlers = [
        handler
        for handler in client.retry_handlers
        if not isinstance(handler, AsyncServerErrorRetryHandler | AsyncConnectionErrorRetryHandler)
    ]
    return once


def _answer_lost(error: Exception) -> bool:
    """Return whether Slack may have posted the message although the call failed."""
    if not isinstance(error, SlackApiError):
        return True  # no answer came back at all
    answer = error.response
    status = getattr(answer, "status_code", None) or getattr(answer, "status", 0)
    return isinstance(status, int) and status >= 500


def _marker_of(seen: dict[str, Any]) -> str | None:
    metadata = seen.get("metadata") or {}
    if metadata.get("event_type") != EVENT_TYPE:
        return None
    claim = (metadata.get("event_payload") or {}).get("claim")
    return str(claim) if claim else None
