"""Who is acting: read the member, workspace and channel from a payload; ask Slack about admins."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientError
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config_values import ANY_WORKSPACE
from bot.core.actors import Actor

log = logging.getLogger(__name__)

ADMIN_TTL_SECONDS = 60.0  # how long a "yes, an admin" from users.info is trusted
EVERYDAY_NO_SECONDS = 300.0  # how long a "no" spares everyday commands a lookup
LOOKUP_SECONDS = 1.5  # leaves time to open a form before the 3-second trigger expires


@dataclass(frozen=True)
class Who:
    team_id: str
    user_id: str
    name: str = ""
    team_name: str = ""
    channel_id: str = ""

    def actor(self, *, is_admin: bool) -> Actor:
        """The platform-neutral actor for this member."""
        return Actor(
            platform="slack",
            community_id=self.team_id,
            user_id=self.user_id,
            display_name=self.name,
            community_name=self.team_name,
            channel_id=self.channel_id,
            is_admin=is_admin,
        )


def who(body: dict[str, Any], context: AsyncBoltContext) -> Who:
    """Read who acts where from a slash command, block action or view submission payload."""
    user = _dict(body.get("user"))
    team = _dict(body.get("team"))
    # bolt already picks the workspace of the request, also for org-wide (enterprise) installs.
    team_id = context.team_id or user.get("team_id") or context.enterprise_id or ""
    return Who(
        team_id=str(team_id),
        user_id=str(context.user_id or body.get("user_id") or user.get("id") or ""),
        name=str(body.get("user_name") or user.get("name") or user.get("username") or ""),
        team_name=str(body.get("team_domain") or team.get("domain") or ""),
        channel_id=str(context.channel_id or body.get("channel_id") or ""),
    )


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class Admins:
    """Tell whether a member administers a workspace: SLACK_ADMIN_IDS, else Slack's answer.

    An admin command, button or form (`check`) asks Slack unless a "yes" is under a minute
    old, so a demoted admin loses their rights within a minute and a "no" never stands in the
    way of a promoted one. Everyday commands, buttons and forms (`everyday`), which only use
    the answer for courtesies such as the rate limit's exemption, also reuse a "no" for five
    minutes, so members' commands and presses do not cost a users.info call each.
    """

    def __init__(
        self,
        client: AsyncWebClient,
        listed: Mapping[str, frozenset[str]] | None = None,
        *,
        ttl: float = ADMIN_TTL_SECONDS,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._listed = dict(listed or {})
        self._ttl = ttl
        self._now = now
        self._confirmed: dict[tuple[str, str], float] = {}  # (team, user) -> "yes" until
        self._denied: dict[tuple[str, str], float] = {}  # (team, user) -> "no" until (everyday)

    def listed(self, team_id: str, user_id: str) -> bool:
        """True for a member SLACK_ADMIN_IDS names for this workspace (or for every one)."""
        return any(
            user_id in self._listed.get(team, ()) for team in (team_id, ANY_WORKSPACE) if team
        )

    async def check(self, team_id: str, user_id: str) -> bool:
        """True for listed admins and workspace admins or owners (a "yes" is kept a minute)."""
        if self.listed(team_id, user_id) or self._fresh(self._confirmed, (team_id, user_id)):
            return True
        answer = await self._ask(team_id, user_id)
        if answer is not None:
            kept = self._confirmed if answer else self._denied
            ttl = self._ttl if answer else EVERYDAY_NO_SECONDS
            kept[(team_id, user_id)] = self._now() + ttl
            (self._denied if answer else self._confirmed).pop((team_id, user_id), None)
        return bool(answer)

    async def everyday(self, team_id: str, user_id: str) -> bool:
        """Like `check`, but a "no" from the last five minutes is reused without asking."""
        if self._fresh(self._denied, (team_id, user_id)):
            return False  # listed members are never asked, so never denied
        return await self.check(team_id, user_id)

    def _fresh(self, kept: dict[tuple[str, str], float], key: tuple[str, str]) -> bool:
        until = kept.get(key)
        if until is not None and until <= self._now():
            del kept[key]
            return False
        return until is not None

    async def _ask(self, team_id: str, user_id: str) -> bool | None:
        try:
            async with asyncio.timeout(LOOKUP_SECONDS):
                response = await self._client.users_info(user=user_id)
        except SlackClientError as error:
            log.warning("users.info failed for %s: %s", user_id, _code(error))
            return None
        except (ClientError, TimeoutError) as error:
            log.warning("users.info unreachable for %s: %s", user_id, type(error).__name__)
            return None
        user = _dict(response.get("user"))
        if not _belongs(user, team_id):
            return False
        return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))


def _belongs(user: dict[str, Any], team_id: str) -> bool:
    """Whether Slack's is_admin speaks of this workspace.

    A member of another organization in a shared (Slack Connect) channel carries their own
    workspace's team_id, and is_admin there says nothing about ours. Enterprise Grid members
    (enterprise_user) acting in a sibling workspace of their organization still count.
    """
    home = user.get("team_id")
    return not home or home == team_id or bool(user.get("enterprise_user"))


def _code(error: SlackClientError) -> str:
    response = getattr(error, "response", None)
    return str(response.get("error")) if response is not None else type(error).__name__
