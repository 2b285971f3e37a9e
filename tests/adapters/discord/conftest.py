"""A logged-in discord.py client talking to a fake Discord API on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest
import yarl

from bot.app.hub import Hub
from bot.config import Settings
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.fake_gateway import FakeGateway
from tests.adapters.discord.harness import Harness, logged_in
from tests.adapters.discord.lab import LAB, TRACKED


@pytest.fixture
async def api(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    monkeypatch.setattr(discord.http.Route, "BASE", await fake.start())
    yield fake
    await fake.stop()


@pytest.fixture
async def gateway(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeGateway]:
    """A fake gateway every client connects to instead of Discord's."""
    fake = FakeGateway()
    url = yarl.URL(await fake.start())
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", url)
    yield fake
    await fake.stop()


@pytest.fixture
async def discord_app(api: FakeDiscord, hub: Hub, settings: Settings) -> AsyncIterator[Harness]:
    """The PrepLoop bot with every feature, logged in (setup_hook has synced its commands)."""
    client = await logged_in(hub, settings)
    yield Harness(api, client)
    await client.close()


@pytest.fixture
async def lab_app(api: FakeDiscord, hub: Hub, settings: Settings) -> AsyncIterator[Harness]:
    """The same adapter serving the test-only LAB registry."""
    TRACKED.clear()
    client = await logged_in(Hub(hub.engine, clock=hub.clock, registry=LAB), settings)
    yield Harness(api, client)
    await client.close()
