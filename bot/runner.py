"""`preploop run`: every platform whose credentials are set, and the scheduler, in one process."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.ports import Messenger
from bot.jobs import DEFAULT_PACES, JobRunner, Pace, start_scheduler
from bot.services.hub import Hub

if TYPE_CHECKING:
    from bot.adapters.discord import PrepLoopClient

log = logging.getLogger(__name__)

NOTHING_TO_RUN = """No platform credentials are set, so there is nothing to connect to.
Set DISCORD_TOKEN for Discord, and/or SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode)
or SLACK_SIGNING_SECRET (HTTP mode) for Slack; see README.md.
To try PrepLoop without any tokens, run: preploop console"""


def wants_slack(settings: Settings) -> bool:
    """Return whether Slack credentials are complete enough to connect."""
    return bool(
        settings.slack_bot_token and (settings.slack_app_token or settings.slack_signing_secret)
    )


def run_platforms(settings: Settings) -> int:
    """Start Discord and/or Slack; return a non-zero code when nothing is configured."""
    if not settings.discord_token and not wants_slack(settings):
        print(NOTHING_TO_RUN)
        return 2
    hub = prepare(settings)
    asyncio.run(serve_all(hub, settings))
    return 0


async def serve_all(hub: Hub, settings: Settings) -> None:
    """Serve every configured platform; start the scheduler once they can deliver."""
    messengers: dict[str, Messenger] = {}
    servers: list[Awaitable[None]] = []
    ready: list[Awaitable[object]] = []
    if settings.discord_token:
        from bot.adapters.discord import build_client

        client = build_client(hub, settings)
        messengers["discord"] = client.messenger
        servers.append(_serve_discord(client, settings.discord_token.get_secret_value()))
        ready.append(client.wait_until_ready())
    if wants_slack(settings):
        from bot.adapters.slack import SlackMessenger, serve
        from bot.adapters.slack import build_client as slack_client

        messengers["slack"] = SlackMessenger(slack_client(settings))
        servers.append(serve(hub, settings))
    await asyncio.gather(*servers, _schedule_when_ready(hub, settings, messengers, ready))


async def _serve_discord(client: PrepLoopClient, token: str) -> None:
    async with client:
        await client.start(token)


async def _schedule_when_ready(
    hub: Hub, settings: Settings, messengers: dict[str, Messenger], ready: list[Awaitable[object]]
) -> None:
    # Ticking before Discord is connected would mark the day's posts as failed deliveries.
    await asyncio.gather(*ready)
    owns, paces = discord_shares(settings) if "discord" in messengers else ({}, {})
    runner = JobRunner(
        hub.engine,
        hub.clock,
        messengers,
        catch_up=settings.catch_up_same_day,
        owns=owns,
        paces=paces,
    )
    start_scheduler(runner)
    log.info("scheduler started for %s", ", ".join(sorted(messengers)))
    await asyncio.Event().wait()


def discord_shares(
    settings: Settings,
) -> tuple[dict[str, Callable[[str], bool]], dict[str, Pace]]:
    """With Discord shards split across processes: deliver only our guilds, at our share of 50/s."""
    from bot.adapters.discord import Shards

    shards = Shards.from_settings(settings)
    if shards is None:
        return {}, {}
    pace = dataclasses.replace(DEFAULT_PACES["discord"], per_second=shards.requests_per_second)
    return {"discord": shards.owns}, {"discord": pace}
