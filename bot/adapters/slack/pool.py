"""One aiohttp session per event loop for every call to Slack, so connections are reused.

Without a session, slack_sdk opens a connection (against the real Slack, a TLS handshake) for
every Web API call and every response_url reply. A session belongs to the loop that opened it,
so each running loop gets its own, opened on first use and closed by `close_session()`.
"""

from __future__ import annotations

import asyncio

from aiohttp import ClientSession, ClientTimeout, TCPConnector
from slack_sdk.web.async_client import AsyncWebClient

TIMEOUT_SECONDS = 30  # slack_sdk's default for one call; a shared session sets it for all
# Connections open at once: the scheduler's posts in flight (256, the Slack Pace of
# bot/adapters/slack/pace.py) and room for answers to commands. aiohttp's default of 100 would hold
# the posts back.
CONNECTIONS = 384

_sessions: dict[asyncio.AbstractEventLoop, ClientSession] = {}


def shared_session() -> ClientSession:
    """The running loop's session, opened on first use."""
    loop = asyncio.get_running_loop()
    session = _sessions.get(loop)
    if session is None or session.closed:
        session = _sessions[loop] = ClientSession(
            connector=TCPConnector(limit=CONNECTIONS), timeout=ClientTimeout(total=TIMEOUT_SECONDS)
        )
    return session


async def close_session() -> None:
    """Close the running loop's session; a later call to Slack opens a new one."""
    session = _sessions.pop(asyncio.get_running_loop(), None)
    if session is not None:
        await session.close()


class PooledWebClient(AsyncWebClient):
    """A Web API client whose calls go through the running loop's shared session."""

    @property
    def session(self) -> ClientSession | None:
        """The running loop's session (None outside a loop, where nothing is sent)."""
        try:
            return shared_session()
        except RuntimeError:
            return None

    @session.setter
    def session(self, value: ClientSession | None) -> None:
        # A session given here would work only in the loop that made it: ignore it.
        pass
