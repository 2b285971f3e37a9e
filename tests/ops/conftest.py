"""The ops routes served by aiohttp's own test server, on a free port."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app.hub import Hub
from bot.ops.http import ops_app


@asynccontextmanager
async def serving(hub: Hub) -> AsyncIterator[TestClient]:
    """A client of /healthz and /metrics for `hub`, served on a port the system picks."""
    client = TestClient(TestServer(ops_app(hub)))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()


@pytest.fixture
async def ops(hub: Hub) -> AsyncIterator[TestClient]:
    async with serving(hub) as client:
        yield client
