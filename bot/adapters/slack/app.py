"""Build the bolt app: a Web API client, the shared bridge and the listeners of each kind."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.interval_calculator import RetryIntervalCalculator
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack import actions, commands, events, views
from bot.adapters.slack.bridge import Bridge
from bot.adapters.slack.home import Homes
from bot.adapters.slack.messenger import SlackMessenger
from bot.adapters.slack.outbox import Outbox
from bot.adapters.slack.people import Admins
from bot.adapters.slack.pool import PooledWebClient
from bot.app.hub import Hub
from bot.config import Settings
from bot.config_values import ANY_WORKSPACE
from bot.logs import bolt_logger

log = logging.getLogger(__name__)

DEPRECATED_ADMIN_IDS = (
    "SLACK_ADMIN_IDS lists members without a workspace: they are admins in every workspace. "
    "Write T123:U1,U2;T456:U3 to name each workspace (the plain form will go away)."
)

# slack_sdk counts the retries of every handler together: a 429 then a 503 is two retries.
RATE_LIMIT_RETRIES = 3
SERVER_ERROR_RETRIES = 2
SERVER_ERROR_BACKOFF: RetryIntervalCalculator = BackoffRetryIntervalCalculator(backoff_factor=0.5)


def build_client(settings: Settings) -> AsyncWebClient:
    """A Web API client on SLACK_API_URL that reuses connections and retries 429s and 5xx."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    base_url = settings.slack_api_url.rstrip("/") + "/"
    client = PooledWebClient(token=token, base_url=base_url)
    client.retry_handlers += [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        AsyncServerErrorRetryHandler(SERVER_ERROR_RETRIES, SERVER_ERROR_BACKOFF),
    ]
    return client


def build_app(hub: Hub, settings: Settings, client: AsyncWebClient | None = None) -> AsyncApp:
    """The bolt app with every listener registered; requests are verified with the secret."""
    return wired(hub, settings, client)[0]


def wired(
    hub: Hub, settings: Settings, client: AsyncWebClient | None = None
) -> tuple[AsyncApp, Bridge]:
    """The bolt app and the bridge its listeners share (which knows the unfinished replies).

    Slack gets its acknowledgement when a listener returns (process_before_response): a quick
    answer to a slash command travels in it, and every listener hands slower work to
    `Bridge.later`. (bolt's other mode runs listeners beside the request and looks for the
    acknowledgement every 10 ms, which would hold every answer in the acknowledgement back.)
    """
    client = client or build_client(settings)
    if ANY_WORKSPACE in settings.slack_admin_ids:
        log.warning(DEPRECATED_ADMIN_IDS)
    secret = settings.slack_signing_secret
    app = AsyncApp(
        name="preploop",
        client=client,
        signing_secret=secret.get_secret_value() if secret else "",
        process_before_response=True,
        logger=bolt_logger(settings),
    )
    bridge = Bridge(
        hub=hub,
        admins=Admins(client, settings.slack_admin_ids),
        outbox=Outbox(hub, SlackMessenger(client)),
        homes=Homes(hub, client),
    )
    for kind in (commands, actions, views, events):
        kind.register(app, bridge)
    return app, bridge
