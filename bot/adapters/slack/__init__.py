"""The Slack adapter: slash commands, buttons and modals in Block Kit, over Socket Mode or HTTP."""

from __future__ import annotations

from bot.adapters.slack.app import build_app, build_client
from bot.adapters.slack.messenger import SlackMessenger
from bot.adapters.slack.server import serve

__all__ = ["SlackMessenger", "build_app", "build_client", "serve"]
