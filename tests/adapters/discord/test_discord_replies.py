"""How a Reply reaches Discord: responses, follow-ups, other channels, direct messages."""

from __future__ import annotations

import pytest

from bot.adapters.discord import respond
from bot.adapters.discord.commands import OUTDATED
from bot.adapters.discord.listeners import SERVER_ONLY
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    CHANNEL,
    EPHEMERAL,
    Harness,
    callbacks,
    embeds,
    in_direct_messages,
    interaction,
)
from tests.adapters.discord.lab import OTHER_CHANNEL, OTHER_MEMBER, TRACKED


async def test_more_messages_follow_up_and_each_tracked_one_reports_its_id(
    lab_app: Harness,
) -> None:
    calls = await lab_app.slash("lab", "many")
    [response] = callbacks(calls)
    [follow_up] = [c for c in calls if c.path.startswith("/webhooks/") and c.method == "POST"]
    assert response["data"]["embeds"][0]["description"] == "first"
    assert follow_up.body["embeds"][0]["description"] == "second"
    assert follow_up.body["flags"] == EPHEMERAL
    ids = [m["id"] for m in lab_app.api.messages.values()]
    assert [ref for _, ref in TRACKED] == ids[-2:]
    assert [value for value, _ in TRACKED] == ["1", "2"]


async def test_the_original_response_is_fetched_when_the_callback_omits_the_message(
    lab_app: Harness,
) -> None:
    lab_app.api.with_response_message = False
    calls = await lab_app.slash("lab", "many")
    assert any(c.method == "GET" and c.path.endswith("/messages/@original") for c in calls)
    first_id = list(lab_app.api.messages)[-2]
    assert TRACKED[0] == ("1", first_id)


async def test_a_slow_answer_is_deferred_then_posted_publicly_and_privately(
    lab_app: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(respond, "DEFER_AFTER", 0.05)
    calls = await lab_app.slash("lab", "slow")
    [deferred] = callbacks(calls)
    assert deferred == {"type": 5, "data": {"flags": EPHEMERAL}}
    [public] = [c for c in calls if c.path == f"/channels/{CHANNEL}/messages"]
    assert public.body["embeds"][0]["description"] == "for everyone"
    [private] = [c for c in calls if c.path.startswith("/webhooks/")]
    assert private.body["embeds"][0]["description"] == "for you"


async def test_a_post_to_another_channel_goes_there_and_the_caller_hears_done(
    lab_app: Harness,
) -> None:
    calls = await lab_app.slash("lab", "elsewhere")
    [posted] = [c for c in calls if c.path == f"/channels/{OTHER_CHANNEL}/messages"]
    assert posted.body["embeds"][0]["description"] == "over there"
    [reply] = callbacks(calls)
    assert reply["data"]["flags"] == EPHEMERAL
    assert reply["data"]["embeds"][0]["description"] == respond.DONE


async def test_a_post_the_bot_may_not_make_is_explained_privately(lab_app: Harness) -> None:
    lab_app.api.forbidden.add(OTHER_CHANNEL)
    [reply] = callbacks(await lab_app.slash("lab", "elsewhere"))
    assert reply["data"]["embeds"][0]["description"] == respond.NOT_POSTED


async def test_a_direct_message_the_caller_refuses_is_shown_privately_instead(
    lab_app: Harness,
) -> None:
    lab_app.api.closed_dms.add(ALICE.id)
    [reply] = callbacks(await lab_app.slash("lab", "dm", member=ALICE))
    assert reply["data"]["flags"] == EPHEMERAL
    assert reply["data"]["embeds"][0]["description"] == "just for you"


async def test_a_direct_message_another_member_refuses_is_reported(lab_app: Harness) -> None:
    lab_app.api.closed_dms.add(OTHER_MEMBER)
    [reply] = callbacks(await lab_app.slash("lab", "tell"))
    expected = respond.DIRECT_CLOSED.format(member=f"<@{OTHER_MEMBER}>")
    assert reply["data"]["embeds"][0]["description"] == expected


async def test_a_form_that_opens_too_late_asks_to_press_again(
    lab_app: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(respond, "DEFER_AFTER", 0.05)
    calls = await lab_app.slash("lab", "slow-form")
    assert [c["type"] for c in callbacks(calls)] == [5]
    [note] = embeds(calls)
    assert note["description"] == respond.FORM_TOO_LATE


async def test_a_button_without_a_server_pressed_in_direct_messages_is_refused(
    lab_app: Harness,
) -> None:
    message = lab_app.api.message("1700000000000000001", None)
    message["components"] = [
        {
            "type": 1,
            "components": [{"type": 2, "style": 2, "label": "Go", "custom_id": "pl:lab.where:"}],
        }
    ]
    press = lab_app.press_payload(message, "Go", BOB)
    [reply] = callbacks(await lab_app.feed(in_direct_messages(press, BOB, "1700000000000000001")))
    assert reply["data"]["embeds"][0]["description"] == SERVER_ONLY


async def test_a_command_discord_still_shows_but_the_bot_dropped_gets_a_polite_answer(
    lab_app: Harness,
) -> None:
    data = {"id": "1", "name": "retired", "type": 1, "options": []}
    [reply] = callbacks(await lab_app.feed(interaction(2, BOB, data)))
    assert reply["data"]["flags"] == EPHEMERAL
    assert reply["data"]["embeds"][0]["description"] == OUTDATED
