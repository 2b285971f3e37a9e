"""Build the bolt app: a Web API client, the shared bridge and the listeners of each kind."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack import actions, commands, views
from bot.adapters.slack.bridge import Bridge
from bot.adapters.slack.messenger import SlackMessenger
from bot.adapters.slack.outbox import Outbox
from bot.adapters.slack.people import Admins
from bot.config import Settings
from bot.services.hub import Hub

RATE_LIMIT_RETRIES = 3


def build_client(settings: Settings) -> AsyncWebClient:
    """A Web API client on SLACK_API_URL that waits and retries when Slack rate-limits it."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    base_url = settings.slack_api_url.rstrip("/") + "/"
    client = AsyncWebClient(token=token, base_url=base_url)
    client.retry_handlers.append(
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)
    )
    return client


def build_app(hub: Hub, settings: Settings, client: AsyncWebClient | None = None) -> AsyncApp:
    """The bolt app with every listener registered; requests are verified with the secret."""
    client = client or build_client(settings)
    secret = settings.slack_signing_secret
    app = AsyncApp(
        name="preploop",
        client=client,
        signing_secret=secret.get_secret_value() if secret else "",
    )
    bridge = Bridge(
        hub=hub,
        admins=Admins(client, settings.slack_admin_ids),
        outbox=Outbox(hub, SlackMessenger(client)),
    )
    for kind in (commands, actions, views):
        kind.register(app, bridge)
    return app
