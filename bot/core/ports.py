"""Ports the services use to reach a platform outside an interaction (scheduled jobs)."""

from __future__ import annotations

from abc import ABC, abstractmethod

from bot.core.cards import Message


class DeliveryError(Exception):
    """A message could not be delivered: a deleted channel, a missing permission, a left member."""


class Messenger(ABC):
    """Post cards to one platform on the bot's own initiative."""

    platform: str

    @abstractmethod
    async def post(self, community_id: str, message: Message) -> str:
        """Deliver one message (channel, thread reply or direct) and return its platform ref.

        `message.channel` names the channel; `message.thread_of` a message ref to reply under;
        Visibility.DIRECT with `to_member` sends a direct message. Raises DeliveryError.
        """

    async def find(self, community_id: str, message: Message) -> str | None:
        """Return the ref of a message already delivered with `message.marker`, if one is found.

        Asked before a retried scheduled post is sent again. The default finds nothing, for a
        platform with no history to look in (the console runs in one process). Raises
        DeliveryError (or any error) when the platform cannot say; the caller then posts.
        """
        return None
