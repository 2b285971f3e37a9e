"""A fake Discord gateway on 127.0.0.1 that records the IDENTIFY of every connection."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

HELLO = {"op": 10, "d": {"heartbeat_interval": 45000}, "s": None, "t": None}
HEARTBEAT_ACK = {"op": 11, "d": None, "s": None, "t": None}


@dataclass
class FakeGateway:
    """Says HELLO, acknowledges heartbeats and keeps what each client IDENTIFYs with."""

    identified: list[dict[str, Any]] = field(default_factory=list)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _runner: web.AppRunner | None = None

    async def start(self) -> str:
        """Serve on a free port of 127.0.0.1 and return the gateway's ws:// URL."""
        app = web.Application()
        app.router.add_get("/", self._connection)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        return f"ws://127.0.0.1:{self._runner.addresses[0][1]}/"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def identifies(self, count: int, deadline: float = 10.0) -> list[dict[str, Any]]:
        """Wait until `count` connections have identified; return their IDENTIFY payloads."""
        async with asyncio.timeout(deadline), self._changed:
            await self._changed.wait_for(lambda: len(self.identified) >= count)
        return self.identified

    async def _connection(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_str(json.dumps(HELLO))  # plain-text frames: discord.py accepts them
        async for frame in socket:
            if frame.type is not WSMsgType.TEXT:
                continue
            sent = json.loads(frame.data)
            if sent["op"] == 2:
                async with self._changed:
                    self.identified.append(sent["d"])
                    self._changed.notify_all()
            elif sent["op"] == 1:
                await socket.send_str(json.dumps(HEARTBEAT_ACK))
        return socket
