"""`preploop run`: every platform whose credentials are set, and the scheduler, in one process."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

from bot.app.hub import Hub
from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.ports import Messenger
from bot.scheduling.delivery import JobRunner, Pace
from bot.scheduling.jobs import start_scheduler

if TYPE_CHECKING:
    from bot.adapters.discord import PrepLoopClient

log = logging.getLogger(__name__)

SHUTDOWN_SECONDS = 10.0  # on SIGTERM, scheduled work already claimed gets this long to go out

NOTHING_TO_RUN = """No platform credentials are set, so there is nothing to connect to.
Set DISCORD_TOKEN for Discord, and/or SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode)
or SLACK_SIGNING_SECRET (HTTP mode) for Slack; see README.md.
To try PrepLoop without any tokens, run: preploop console"""

IDLE_NOTE = """PrepLoop now stays idle, connected to nothing and unhealthy, until it is stopped.
Set the credentials in .env, then run `docker compose up -d` to start it with them."""


def wants_slack(settings: Settings) -> bool:
    """Return whether Slack credentials are complete enough to connect."""
    return bool(
        settings.slack_bot_token and (settings.slack_app_token or settings.slack_signing_secret)
    )


def run_platforms(settings: Settings, *, idle_if_unconfigured: bool = False) -> int:
    """Start Discord and/or Slack; return 2 when nothing is configured.

    With idle_if_unconfigured (the container's command), say so once and wait to be stopped
    before returning: a restart policy that restarts any exit would otherwise print it forever.
    """
    if not settings.discord_token and not wants_slack(settings):
        print(NOTHING_TO_RUN, file=sys.stderr, flush=True)
        if idle_if_unconfigured:
            asyncio.run(idle_until_stopped())
        return 2
    hub = prepare(settings)
    asyncio.run(serve_until_stopped(hub, settings))
    return 0


async def idle_until_stopped() -> None:
    """Say that PrepLoop is idle, then wait, doing nothing, for SIGTERM (docker stop) or Ctrl-C."""
    loop, stopped = asyncio.get_running_loop(), asyncio.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows loops
            loop.add_signal_handler(number, stopped.set)
    print(IDLE_NOTE, file=sys.stderr, flush=True)  # after the handlers: stopping it now is clean
    await stopped.wait()


async def serve_until_stopped(hub: Hub, settings: Settings) -> None:
    """Serve until SIGTERM (docker stop, systemd) or Ctrl-C, then stop in order."""
    loop, main = asyncio.get_running_loop(), asyncio.current_task()
    assert main is not None
    for number in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows loops
            loop.add_signal_handler(number, main.cancel)
    try:
        await serve_all(hub, settings)
    except asyncio.CancelledError:
        log.info("PrepLoop stopped")


async def serve_all(hub: Hub, settings: Settings) -> None:
    """Serve every configured platform; start the scheduler once they can deliver.

    Stopping (this coroutine cancelled) goes in order: the scheduler claims nothing more and
    delivers and records what it already claimed while the platforms are still connected; then
    each platform stops (Slack first sends the answers it has acknowledged).
    """
    messengers: dict[str, Messenger] = {}
    servers: list[Awaitable[None]] = []
    ready: list[Awaitable[object]] = []
    if settings.discord_token:
        from bot.adapters.discord import build_client

        client = build_client(hub, settings)
        messengers["discord"] = client.messenger
        hub.metrics.platforms.watch("discord", lambda: client.is_ready() and not client.is_closed())
        servers.append(_serve_discord(client, settings.discord_token.get_secret_value()))
        ready.append(client.wait_until_ready())
    if wants_slack(settings):
        from bot.adapters.slack import SlackMessenger, serve
        from bot.adapters.slack import build_client as slack_client

        messengers["slack"] = SlackMessenger(slack_client(settings))
        servers.append(serve(hub, settings))
    if settings.web_port is not None:
        from bot.web.server import serve_web

        servers.append(serve_web(hub, settings))
    owns, shared = discord_shares(settings) if "discord" in messengers else ({}, {})
    paces = {**platform_paces(messengers), **shared}
    runner = JobRunner(
        hub.engine,
        hub.clock,
        messengers,
        catch_up=settings.catch_up_same_day,
        owns=owns,
        paces=paces,
        metrics=hub.metrics,
    )
    tasks = [asyncio.ensure_future(server) for server in servers]
    tasks.append(asyncio.ensure_future(_schedule_when_ready(runner, ready)))
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in done:
            task.result()  # a platform that could not start: say why
    finally:
        await runner.stop(SHUTDOWN_SECONDS)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _serve_discord(client: PrepLoopClient, token: str) -> None:
    async with client:
        await client.start(token)


async def _schedule_when_ready(runner: JobRunner, ready: list[Awaitable[object]]) -> None:
    # Ticking before Discord is connected would mark the day's posts as failed deliveries.
    await asyncio.gather(*ready)
    scheduler = start_scheduler(runner)
    log.info("scheduler started for %s", ", ".join(sorted(runner.messengers)))
    try:
        await asyncio.Event().wait()
    finally:
        scheduler.shutdown(wait=False)


def platform_paces(messengers: Mapping[str, object]) -> dict[str, Pace]:
    """Each connected platform's limits, as its adapter declares them."""
    paces = {}
    if "discord" in messengers:
        from bot.adapters.discord.pace import PACE as DISCORD_PACE

        paces["discord"] = DISCORD_PACE
    if "slack" in messengers:
        from bot.adapters.slack.pace import PACE as SLACK_PACE

        paces["slack"] = SLACK_PACE
    return paces


def discord_shares(
    settings: Settings,
) -> tuple[dict[str, Callable[[str], bool]], dict[str, Pace]]:
    """With Discord shards split across processes: deliver only our guilds, at our share of 50/s."""
    from bot.adapters.discord import Shards
    from bot.adapters.discord.pace import PACE as DISCORD_PACE

    shards = Shards.from_settings(settings)
    if shards is None:
        return {}, {}
    pace = dataclasses.replace(DISCORD_PACE, per_second=shards.requests_per_second)
    return {"discord": shards.owns}, {"discord": pace}
