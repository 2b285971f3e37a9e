"""Drive a real discord.py client with documented INTERACTION_CREATE payloads."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import discord

from bot.adapters.discord import PrepLoopClient, build_client
from bot.app.hub import Hub
from bot.config import Settings
from tests.adapters.discord.fake_api import APP_ID, BOT_USER, Call, FakeDiscord
from tests.fakes import FakeClock

GUILD = "1200000000000000001"
CHANNEL = "1200000000000000002"
EPHEMERAL = 64
_ids = itertools.count(1500000000000000000)


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    permissions: int


ALICE = Member(  # a server manager
    "1400000000000000001",
    "alice",
    discord.Permissions(view_channel=True, send_messages=True, manage_guild=True).value,
)
BOB = Member(
    "1400000000000000002", "bob", discord.Permissions(view_channel=True, send_messages=True).value
)
OWNER = Member("1400000000000000003", "olga", discord.Permissions(administrator=True).value)


def _user(member: Member) -> dict[str, Any]:
    return {
        **BOT_USER,
        "id": member.id,
        "username": member.name,
        "global_name": member.name.title(),
        "bot": False,
    }


def interaction(kind: int, member: Member, data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """An INTERACTION_CREATE payload from a member in the study channel of GUILD."""
    interaction_id = str(next(_ids))
    return {
        "id": interaction_id,
        "application_id": APP_ID,
        "type": kind,
        "token": f"token-{interaction_id}",
        "version": 1,
        "guild_id": GUILD,
        "guild": {"id": GUILD, "locale": "en-US", "features": []},
        "channel_id": CHANNEL,
        "channel": {
            "id": CHANNEL,
            "type": 0,
            "guild_id": GUILD,
            "name": "study",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
        },
        "member": {
            "user": _user(member),
            "roles": [],
            "joined_at": "2026-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "permissions": str(member.permissions),
        },
        "app_permissions": str(discord.Permissions.text().value),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": GUILD},
        "context": 0,
        "attachment_size_limit": 10485760,
        "data": data,
        **extra,
    }


def in_direct_messages(payload: dict[str, Any], member: Member, channel_id: str) -> dict[str, Any]:
    """The same interaction, but from a direct message with the bot."""
    moved = {k: v for k, v in payload.items() if k not in ("guild_id", "guild", "member")}
    recipients = [_user(member)]
    moved |= {"user": _user(member), "context": 1, "channel_id": channel_id}
    moved["channel"] = {"id": channel_id, "type": 1, "recipients": recipients}
    moved["authorizing_integration_owners"] = {"0": member.id}
    return moved


_TASK_PREFIXES = (  # the tasks discord.py names when it dispatches an interaction
    "CommandTree-invoker",
    "discord-ui-view-dispatch",
    "discord-ui-modal-dispatch",
    "discord-ui-dynamic-item",
    "discord.py: on_",
)


async def settle(deadline: float = 10.0) -> None:
    """Wait until every task discord.py started for the interactions so far is done."""
    loop = asyncio.get_running_loop()
    end = loop.time() + deadline
    while loop.time() < end:
        pending = [
            task
            for task in asyncio.all_tasks()
            if task is not asyncio.current_task()
            and not task.done()
            and task.get_name().startswith(_TASK_PREFIXES)
        ]
        if not pending:
            return
        await asyncio.wait(pending, timeout=end - loop.time())
    raise TimeoutError("discord.py tasks did not finish")


async def logged_in(hub: Hub, settings: Settings) -> PrepLoopClient:
    """Build the client and log it in; login runs setup_hook, which syncs the commands."""
    client = build_client(hub, settings)
    await client.login("fake-token")
    return client


@dataclass
class Harness:
    api: FakeDiscord
    client: PrepLoopClient

    async def feed(self, payload: dict[str, Any]) -> list[Call]:
        """Deliver one interaction to the client; return the requests it caused."""
        start = len(self.api.calls)
        self.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
        await settle()
        return self.api.calls[start:]

    async def leave(self, member: Member) -> list[Call]:
        """Deliver GUILD_MEMBER_REMOVE: the member left GUILD (or was removed from it)."""
        start = len(self.api.calls)
        removed = {"guild_id": GUILD, "user": _user(member)}
        self.client._connection.parse_guild_member_remove(removed)  # type: ignore[arg-type]
        await settle()
        return self.api.calls[start:]

    def dms_to(self, member: Member) -> list[dict[str, Any]]:
        """Every direct message the bot sent to this member, in order."""
        return [
            m for m in self.api.messages.values() if self.api.dms.get(m["channel_id"]) == member.id
        ]

    async def slash(
        self, name: str, sub: str | None = None, member: Member = BOB, **options: Any
    ) -> list[Call]:
        """Run `/name [sub] option:value…`."""
        return await self.feed(self.slash_payload(name, sub, member, **options))

    def slash_payload(
        self, name: str, sub: str | None = None, member: Member = BOB, **options: Any
    ) -> dict[str, Any]:
        command = next(c for c in self.api.commands if c["name"] == name)
        values = [{"name": k, "type": _option_type(v), "value": v} for k, v in options.items()]
        if sub is not None:
            values = [{"name": sub, "type": 1, "options": values}]
        data = {"id": command["id"], "name": name, "type": 1, "options": values}
        return interaction(2, member, data)

    async def run(
        self, command: str, sub: str | None, member: Member, /, **options: Any
    ) -> list[Call]:
        """Run a slash command whose options may be called `name` (which slash() itself takes)."""
        payload = self.slash_payload(command, sub, member)
        values = [{"name": k, "type": _option_type(v), "value": v} for k, v in options.items()]
        target = payload["data"]["options"][0] if sub else payload["data"]
        target["options"] = values
        return await self.feed(payload)

    async def start_sprint(self, clock: FakeClock) -> None:
        """Alice starts the "Winter" sprint in the study channel, first day Mon 7 Dec 2026."""
        clock.set(datetime(2026, 12, 6, 12, tzinfo=UTC))
        calls = await self.run("sprint", "start", ALICE, name="Winter", start="2026-12-07")
        [response] = callbacks(calls)
        assert "flags" not in response["data"] or not response["data"]["flags"] & EPHEMERAL
        assert response["data"]["embeds"][0]["title"] == "A new prep sprint starts"

    def press_payload(self, message: dict[str, Any], label: str, member: Member) -> dict[str, Any]:
        custom_id = button(message, label)["custom_id"]
        data = {"custom_id": custom_id, "component_type": 2}
        return interaction(3, member, data, message=message)

    def latest(self) -> dict[str, Any]:
        """The last message the bot sent (as the fake API stored it)."""
        return list(self.api.messages.values())[-1]

    async def press(self, message: dict[str, Any], label: str, member: Member = BOB) -> list[Call]:
        """Press the button with this label on a message the bot sent."""
        return await self.feed(self.press_payload(message, label, member))

    async def submit(
        self, modal: dict[str, Any], member: Member = BOB, **values: str
    ) -> list[Call]:
        """Fill in and send a form the bot opened."""
        rows = [
            {
                "type": 18,
                "id": 2 * n + 1,
                "component": {"type": 4, "id": 2 * n + 2, "custom_id": key, "value": value},
            }
            for n, (key, value) in enumerate(values.items())
        ]
        data = {"custom_id": modal["custom_id"], "components": rows}
        return await self.feed(interaction(5, member, data))


def _option_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    return 4 if isinstance(value, int) else 3


def callbacks(calls: list[Call]) -> list[dict[str, Any]]:
    """The interaction responses among these requests."""
    return [c.body for c in calls if c.path.endswith("/callback")]


def embeds(calls: list[Call]) -> list[dict[str, Any]]:
    """Every embed sent by these requests."""
    return [e for c in calls for m in c.messages for e in m.get("embeds", [])]


def button(message: dict[str, Any], label: str) -> dict[str, Any]:
    """The button with this label on a message payload."""
    found = [b for row in message.get("components", []) for b in row.get("components", [])]
    return next(b for b in found if b.get("label") == label)
