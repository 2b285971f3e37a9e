"""Ports the services use to reach a platform outside an interaction (scheduled jobs)."""

from __future__ import annotations

from abc import ABC, abstractmethod

from bot.core.cards import Message, RoleChange


class DeliveryError(Exception):
    """A message could not be delivered: a deleted channel, a missing permission, a left member."""


ROLE_REFUSED = "role refused"
ROLE_GONE = "role gone"
MEMBER_GONE = "member gone"


class RoleError(DeliveryError):
    """A role change the platform would not make; its text starts with its kind.

    The kind (ROLE_REFUSED: a missing permission or a role above the bot's; ROLE_GONE: the
    role was deleted; MEMBER_GONE: the member left) survives the trip through the scheduler,
    which keeps only the text of a failure.
    """

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")


def role_error_kind(text: str) -> tuple[str, str]:
    """Split a failure's text into its role error kind ("" for another failure) and detail."""
    for kind in (ROLE_REFUSED, ROLE_GONE, MEMBER_GONE):
        if text.startswith(f"{kind}: "):
            return kind, text.removeprefix(f"{kind}: ")
    return "", text


class Messenger(ABC):
    """Post cards to one platform on the bot's own initiative."""

    platform: str

    @abstractmethod
    async def post(self, community_id: str, message: Message) -> str:
        """Deliver one message (channel, thread reply or direct) and return its platform ref.

        `message.channel` names the channel; `message.thread_of` a message ref to reply under;
        Visibility.DIRECT with `to_member` sends a direct message. Raises DeliveryError.
        """

    async def change_role(self, community_id: str, change: RoleChange) -> str:
        """Give or take one member's role; return a ref for the record. Raises RoleError.

        A platform without roles (Slack) keeps this refusal.
        """
        raise RoleError(ROLE_REFUSED, f"{self.platform} has no roles")

    async def find(self, community_id: str, message: Message) -> str | None:
        """Return the ref of a message already delivered with `message.marker`, if one is found.

        Asked before a retried scheduled post is sent again. The default finds nothing, for a
        platform with no history to look in (the console runs in one process). Raises
        DeliveryError (or any error) when the platform cannot say; the caller then posts.
        """
        return None
