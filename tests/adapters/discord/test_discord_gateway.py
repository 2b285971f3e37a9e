"""What the client asks the gateway for: its shards and its intents, per the settings."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest

from bot.adapters.discord.layout import HELP_TITLE
from bot.app.hub import Hub
from bot.config import Settings
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.fake_gateway import FakeGateway
from tests.adapters.discord.harness import Harness, callbacks, logged_in


async def _at_once(shard_id: int | None, *, initial: bool = False) -> None:
    """Identify without discord.py's 5 s between shards (Discord's pace, not under test)."""


async def _identify(
    gateway: FakeGateway, hub: Hub, settings: Settings, connections: int
) -> list[dict[str, Any]]:
    """Log in, connect to the gateway, and return what each connection identified with."""
    client = await logged_in(hub, settings)
    client.before_identify_hook = _at_once  # type: ignore[method-assign]
    running = asyncio.create_task(client.connect(reconnect=False))
    try:
        return await gateway.identifies(connections)
    finally:
        await client.close()
        await running


@pytest.mark.usefixtures("api")
async def test_a_process_identifies_only_with_its_own_shards(
    gateway: FakeGateway, hub: Hub, settings: Settings
) -> None:
    sharded = settings.model_copy(update={"discord_shard_count": 4, "discord_shard_ids": [1, 3]})
    identified = await _identify(gateway, hub, sharded, 2)
    assert [sent["shard"] for sent in identified] == [[1, 4], [3, 4]]


@pytest.mark.usefixtures("api")
async def test_without_shard_settings_one_connection_serves_every_guild(
    gateway: FakeGateway, hub: Hub, settings: Settings
) -> None:
    [identified] = await _identify(gateway, hub, settings, 1)
    assert "shard" not in identified


@pytest.mark.usefixtures("api")
@pytest.mark.parametrize("members", [False, True])
async def test_the_privileged_members_intent_is_asked_for_only_when_set(
    gateway: FakeGateway, hub: Hub, settings: Settings, members: bool
) -> None:
    chosen = settings.model_copy(update={"discord_members_intent": members})
    [identified] = await _identify(gateway, hub, chosen, 1)
    intents = discord.Intents._from_value(identified["intents"])
    assert intents.guilds
    assert intents.members is members
    assert not (intents.presences or intents.message_content)  # the other privileged intents


async def test_a_sharded_client_answers_interactions_like_the_plain_one(
    api: FakeDiscord, hub: Hub, settings: Settings
) -> None:
    sharded = settings.model_copy(update={"discord_shard_count": 2, "discord_shard_ids": [0]})
    client = await logged_in(hub, sharded)
    try:
        assert isinstance(client, discord.AutoShardedClient)
        assert (client.shard_ids, client.shard_count) == ([0], 2)
        [response] = callbacks(await Harness(api, client).slash("help"))
    finally:
        await client.close()
    assert response["data"]["embeds"][0]["title"] == HELP_TITLE
