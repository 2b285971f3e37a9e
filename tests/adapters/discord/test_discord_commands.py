"""Slash commands: published from the registry, run for members, refused to non-admins."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.adapters.discord import serve
from bot.app.hub import ADMIN_ONLY, Hub
from bot.config import Settings
from tests.adapters.discord.fake_api import APP_ID, FakeDiscord
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    EPHEMERAL,
    OWNER,
    Harness,
    Member,
    callbacks,
    embeds,
)


def _published(api: FakeDiscord) -> dict[str, dict[str, Any]]:
    [sync] = [call for call in api.calls if call.method == "PUT"]
    assert sync.path == f"/applications/{APP_ID}/commands"
    assert sync.headers["Authorization"] == "Bot fake-token"
    return {command["name"]: command for command in sync.body}


async def test_the_sync_publishes_question_and_an_admin_group_hidden_from_members(
    discord_app: Harness,
) -> None:
    published = _published(discord_app.api)
    question, admin = published["question"], published["question-admin"]
    assert question["default_member_permissions"] is None
    # A member command beside today's (suggest) makes /question a group: /question today.
    assert [sub["name"] for sub in question["options"]] == ["today", "suggest"]
    assert int(admin["default_member_permissions"]) == 32  # Manage Server
    assert [sub["name"] for sub in admin["options"]][:1] == ["post-now"]
    assert {sub["type"] for sub in admin["options"]} == {1}
    assert question["contexts"] == admin["contexts"] == [0]
    assert "help" in published


async def test_new_registry_entries_appear_with_typed_options_required_first(
    lab_app: Harness,
) -> None:
    published = _published(lab_app.api)
    assert published["ping"]["options"] == []  # a group with only a default is a plain command
    drill = {sub["name"]: sub for sub in published["drill"]["options"]}
    assert set(drill) == {"show", "set"}
    options = drill["set"]["options"]
    assert [o["name"] for o in options] == ["rounds", "topic", "level", "public", "day"]
    rounds, topic, level, public, day = options
    assert (rounds["type"], rounds["required"], rounds["min_value"], rounds["max_value"]) == (
        4,
        True,
        1,
        5,
    )
    assert (topic["type"], topic["max_length"], topic["description"]) == (
        3,
        50,
        "Topic of the drill",
    )
    assert level["choices"] == [
        {"name": "easy", "value": "easy"},
        {"name": "hard", "value": "hard"},
    ]
    assert public["type"] == 5
    assert (day["type"], day["required"]) == (3, False)


async def test_option_values_reach_the_handler_converted(lab_app: Harness) -> None:
    calls = await lab_app.slash(
        "drill", "set", rounds=3, level="hard", public=True, day="2026-12-07"
    )
    [shown] = embeds(calls)
    assert shown["description"] == (
        "Drill set: day=datetime.date(2026, 12, 7), level='hard', public=True, rounds=3"
    )


async def test_question_shows_todays_card_privately_with_answer_and_hint_buttons(
    discord_app: Harness,
) -> None:
    [response] = callbacks(await discord_app.slash("question", "today"))
    assert response["type"] == 4
    assert response["data"]["flags"] == EPHEMERAL
    [card] = response["data"]["embeds"]
    assert card["title"].startswith("Question of the day: ")
    buttons = [b for row in response["data"]["components"] for b in row["components"]]
    labels = [b["label"] for b in buttons]
    assert labels[:2] == ["Answer", "Hint"]
    assert all(b["custom_id"].startswith("pl:q.") for b in buttons)


@pytest.mark.parametrize("manager", [ALICE, OWNER], ids=["manage-server", "administrator"])
async def test_a_server_manager_posts_the_question_in_the_channel(
    discord_app: Harness, manager: Member
) -> None:
    calls = await discord_app.slash("question-admin", "post-now", member=manager)
    [response] = callbacks(calls)
    assert not response["data"].get("flags", 0) & EPHEMERAL
    assert response["data"]["embeds"][0]["title"].startswith("Question of the day: ")


async def test_a_member_without_manage_server_is_refused_post_now(discord_app: Harness) -> None:
    calls = await discord_app.slash("question-admin", "post-now", member=BOB)
    [response] = callbacks(calls)
    assert response["data"]["flags"] == EPHEMERAL
    assert response["data"]["embeds"][0]["description"] == ADMIN_ONLY
    assert not [call for call in calls if call.path.startswith("/channels/")]


async def test_help_lists_every_command_as_typed_on_discord(discord_app: Harness) -> None:
    [response] = callbacks(await discord_app.slash("help"))
    assert response["data"]["flags"] == EPHEMERAL
    [card] = response["data"]["embeds"]
    fields = {field["name"]: field["value"] for field in card["fields"]}
    assert "`/question today` — Show today's question (only you see it)" in fields["/question"]
    admin = fields["/question-admin · server managers"]
    assert "`/question-admin post-now` — Post today's question in this channel" in admin


def test_the_client_pings_no_one_and_asks_only_for_server_events(discord_app: Harness) -> None:
    client = discord_app.client
    assert client.allowed_mentions is not None
    assert client.allowed_mentions.to_dict() == {"parse": []}
    assert client.intents.value == discord.Intents(guilds=True).value


async def test_serving_without_a_token_says_so(hub: Hub) -> None:
    with pytest.raises(ValueError, match="DISCORD_TOKEN is not set"):
        await serve(hub, Settings(_env_file=None))  # type: ignore[call-arg]
