"""Run the Slack app: Socket Mode with an app-level token, else HTTP on SLACK_HTTP_PORT."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from bot.adapters.slack.app import wired
from bot.adapters.slack.pool import close_session
from bot.app.hub import Hub
from bot.config import Settings
from bot.ops.platforms import Platforms

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
DRAIN_SECONDS = 5.0  # at shutdown, replies already acknowledged get this long to go out
ALL_INTERFACES = "0.0.0.0"  # noqa: S104  Slack (or the TLS proxy in front) must reach the port
HTTP_MODE_HELP = (
    "Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)."
)


async def serve(hub: Hub, settings: Settings) -> None:
    """Serve Slack until cancelled, then close the connections kept to Slack."""
    app, bridge = wired(hub, settings)
    try:
        if settings.slack_app_token:
            token = settings.slack_app_token.get_secret_value()
            await serve_socket_mode(app, token, hub.metrics.platforms)
        else:
            await serve_http(app, settings, hub.metrics.platforms)
    finally:
        await bridge.drain(DRAIN_SECONDS)
        await close_session()


async def serve_http(app: AsyncApp, settings: Settings, platforms: Platforms | None = None) -> None:
    """Take Slack's signed requests on SLACK_HTTP_PORT until cancelled."""
    if not settings.slack_signing_secret:
        raise RuntimeError(HTTP_MODE_HELP)
    runner = await start_http(app, host=ALL_INTERFACES, port=settings.slack_http_port)
    if platforms is not None:  # listening is all HTTP mode needs to take Slack's requests
        platforms.watch("slack", lambda: True)
    log.info("Slack: listening on port %s at %s", settings.slack_http_port, EVENTS_PATH)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


async def serve_socket_mode(
    app: AsyncApp, app_token: str, platforms: Platforms | None = None
) -> None:
    """Hold a Socket Mode connection open until cancelled."""
    handler = AsyncSocketModeHandler(app, app_token)
    if platforms is not None:
        platforms.watch("slack", handler.client.is_connected)
    log.info("Slack: connecting in Socket Mode")
    try:
        await handler.start_async()  # type: ignore[no-untyped-call]  # bolt leaves it unannotated
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]


async def start_http(app: AsyncApp, *, host: str, port: int) -> web.AppRunner:
    """Start the aiohttp server that takes Slack's signed requests at /slack/events."""
    runner = web.AppRunner(app.web_app(path=EVENTS_PATH, port=port), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
