"""`preploop run`: every platform whose credentials are set, in one process."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from bot.bootstrap import prepare
from bot.config import Settings

log = logging.getLogger(__name__)

NOTHING_TO_RUN = """No platform credentials are set, so there is nothing to connect to.
Set DISCORD_TOKEN for Discord, and/or SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode)
or SLACK_SIGNING_SECRET (HTTP mode) for Slack; see README.md.
To try PrepLoop without any tokens, run: preploop console"""


def run_platforms(settings: Settings) -> int:
    """Start Discord and/or Slack; return a non-zero code when nothing is configured."""
    wants_slack = settings.slack_bot_token and (
        settings.slack_app_token or settings.slack_signing_secret
    )
    if not settings.discord_token and not wants_slack:
        print(NOTHING_TO_RUN)
        return 2
    hub = prepare(settings)
    tasks: list[Coroutine[Any, Any, None]] = []
    if settings.discord_token:
        from bot.adapters.discord import serve as serve_discord

        tasks.append(serve_discord(hub, settings))
    if wants_slack:
        from bot.adapters.slack import serve as serve_slack

        tasks.append(serve_slack(hub, settings))
    asyncio.run(_gather(tasks))
    return 0


async def _gather(tasks: list[Coroutine[Any, Any, None]]) -> None:
    await asyncio.gather(*tasks)
