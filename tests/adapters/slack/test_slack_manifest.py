"""slack-manifest.yaml lists every slash command and event the bot handles, and what they need."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.app.feature import registry_of
from bot.features import FEATURES

REGISTRY = registry_of(FEATURES)


MANIFEST = Path(__file__).resolve().parents[3] / "slack-manifest.yaml"


def manifest() -> dict[str, Any]:
    return dict(yaml.safe_load(MANIFEST.read_text(encoding="utf-8")))


def test_the_manifest_lists_every_command_group_and_help() -> None:
    listed = {c["command"] for c in manifest()["features"]["slash_commands"]}
    registered = {f"/{group}" for group in REGISTRY.groups()} | {"/help"}
    assert registered - listed == set(), "add these commands to slack-manifest.yaml"
    assert listed - registered == set(), "slack-manifest.yaml lists commands the bot lacks"


def test_the_manifest_grants_what_the_adapter_calls() -> None:
    data = manifest()
    scopes = set(data["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "chat:write.public", "im:write", "users:read"} <= scopes
    assert data["display_information"]["name"] == "PrepLoop"
    assert data["settings"]["interactivity"]["is_enabled"] is True
    assert data["settings"]["socket_mode_enabled"] is True


def test_the_manifest_subscribes_to_members_leaving() -> None:
    data = manifest()
    assert "user_change" in data["settings"]["event_subscriptions"]["bot_events"]
    assert "users:read" in data["oauth_config"]["scopes"]["bot"]  # user_change needs it


def test_the_manifest_lets_the_bot_open_a_group_dm_for_a_mock_pair() -> None:
    assert "mpim:write" in manifest()["oauth_config"]["scopes"]["bot"]


def test_the_manifest_enables_the_home_tab_and_listens_for_it_being_opened() -> None:
    data = manifest()
    assert data["features"]["app_home"]["home_tab_enabled"] is True
    assert data["features"]["app_home"]["messages_tab_enabled"] is True
    assert "app_home_opened" in data["settings"]["event_subscriptions"]["bot_events"]


def test_the_manifest_lets_the_bot_read_back_what_it_posted() -> None:
    """A retried scheduled post is looked for in conversations.history / .replies first."""
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])
    assert {"channels:history", "groups:history", "im:history"} <= scopes
