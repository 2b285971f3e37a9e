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
