"""Buttons and forms: answering, hints, forged buttons, restarts, threads, direct messages."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from bot.adapters.discord.respond import SENT_DIRECT
from bot.app.hub import STALE_BUTTON, Hub
from bot.config import Settings
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    CHANNEL,
    EPHEMERAL,
    GUILD,
    Harness,
    button,
    callbacks,
    embeds,
    in_direct_messages,
    interaction,
    logged_in,
)

OTHER_GUILD = "1299999999999999999"  # a server where Bob never used PrepLoop
DM_CHANNEL = "1600000000000000077"


async def _question(app: Harness) -> dict[str, Any]:
    """Show today's question; return the message it came in."""
    await app.slash("question", "today")
    return app.latest()


async def _answer(app: Harness, question: dict[str, Any], text: str) -> dict[str, Any]:
    """Press Answer, fill in the form; return the reply's embed."""
    [opened] = callbacks(await app.press(question, "Answer"))
    [reply] = embeds(await app.submit(opened["data"], answer=text))
    return reply


async def test_answer_opens_a_form_within_discord_limits(discord_app: Harness) -> None:
    question = await _question(discord_app)
    [opened] = callbacks(await discord_app.press(question, "Answer"))
    assert opened["type"] == 9  # MODAL
    form = opened["data"]
    assert form["title"] == "Your answer"
    [label] = form["components"]
    assert label["type"] == 18 and 0 < len(label["label"]) <= 45
    box = label["component"]
    assert (box["type"], box["custom_id"], box["style"]) == (4, "answer", 2)
    assert box["max_length"] <= 4000


async def test_the_first_answer_is_saved_for_points_and_a_second_one_updates_it(
    discord_app: Harness,
) -> None:
    question = await _question(discord_app)
    first = await _answer(discord_app, question, "A hash map from value to index.")
    assert first["title"] == "Saved your answer. +10 points."
    assert first["description"] == "> A hash map from value to index."

    [reopened] = callbacks(await discord_app.press(question, "Answer"))
    assert reopened["data"]["components"][0]["component"]["value"] == (
        "A hash map from value to index."
    )
    second = await _answer(discord_app, question, "Sort, then two pointers.")
    assert second["title"] == "Updated your answer."
    assert "points" not in second["title"]


async def test_the_answer_reply_is_private(discord_app: Harness) -> None:
    question = await _question(discord_app)
    [opened] = callbacks(await discord_app.press(question, "Answer"))
    [reply] = callbacks(await discord_app.submit(opened["data"], answer="An answer."))
    assert (reply["type"], reply["data"]["flags"]) == (4, EPHEMERAL)


async def test_hint_answers_privately(discord_app: Harness) -> None:
    question = await _question(discord_app)
    [reply] = callbacks(await discord_app.press(question, "Hint", member=ALICE))
    assert reply["data"]["flags"] == EPHEMERAL
    assert reply["data"]["embeds"][0]["title"].startswith("Hint 1 of ")


@pytest.mark.parametrize(
    ("custom_id", "said"),
    [
        ("pl:q.nothing:1", STALE_BUTTON),
        ("made-up-by-a-client", STALE_BUTTON),
        ("pl:q.answer:999999", "That question is no longer available."),
        ("pl:q.hint:not-a-number", "That button no longer works."),
    ],
)
async def test_unknown_or_forged_buttons_get_a_friendly_private_message(
    discord_app: Harness, custom_id: str, said: str
) -> None:
    question = await _question(discord_app)
    forged = {**question, "components": [_row({"label": "Go", "custom_id": custom_id})]}
    payload = interaction(3, BOB, {"custom_id": custom_id, "component_type": 2}, message=forged)
    [reply] = callbacks(await discord_app.feed(payload))
    assert reply["data"]["flags"] == EPHEMERAL
    assert reply["data"]["embeds"][0]["description"].startswith(said)


def _row(button: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": [{"type": 2, "style": 2, **button}]}


async def test_buttons_keep_working_after_a_restart(
    discord_app: Harness, hub: Hub, settings: Settings
) -> None:
    question = await _question(discord_app)
    await discord_app.client.close()
    restarted = Harness(discord_app.api, await logged_in(hub, settings))
    try:
        [reply] = callbacks(await restarted.press(question, "Hint"))
    finally:
        await restarted.client.close()
    assert reply["data"]["embeds"][0]["title"].startswith("Hint 1 of ")


async def test_a_shared_answer_goes_to_a_thread_started_on_the_posted_question(
    discord_app: Harness,
) -> None:
    await discord_app.slash("question-admin", "post-now", member=ALICE)
    posted = discord_app.latest()
    await _answer(discord_app, posted, "Two pointers after sorting.")
    saved = discord_app.latest()
    calls = await discord_app.press(saved, "Share in the thread")
    paths = [(c.method, c.path) for c in calls if c.path.startswith("/channels/")]
    thread = f"/channels/{posted['id']}/messages"
    assert paths == [
        ("POST", thread),  # no thread yet: 404
        ("POST", f"/channels/{CHANNEL}/messages/{posted['id']}/threads"),
        ("POST", thread),
    ]
    shared = [c for c in calls if c.path == thread][-1].body["embeds"][0]
    assert shared["description"] == "Two pointers after sorting."
    [done] = callbacks(calls)
    assert done["data"]["embeds"][0]["description"] == "Shared in the thread."


async def test_a_direct_message_reaches_the_caller_and_its_buttons_remember_the_server(
    lab_app: Harness,
) -> None:
    calls = await lab_app.slash("lab", "dm", member=ALICE)
    [opened] = [c for c in calls if c.path == "/users/@me/channels"]
    assert str(opened.body["recipient_id"]) == ALICE.id
    [response] = callbacks(calls)
    assert response["data"]["embeds"][0]["description"] == SENT_DIRECT
    [letter] = [m for m in lab_app.api.messages.values() if m["channel_id"] in lab_app.api.dms]
    assert letter["components"][0]["components"][0]["custom_id"] == f"pl@{GUILD}:lab.where:"

    press = lab_app.press_payload(letter, "Where am I?", ALICE)
    calls = await lab_app.feed(in_direct_messages(press, ALICE, letter["channel_id"]))
    [reply] = callbacks(calls)
    assert reply["data"]["embeds"][0]["description"] == f"community {GUILD}, admin False"


def _rows(hub: Hub) -> dict[str, int]:
    """How many rows each table holds."""
    with Session(hub.engine) as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in SQLModel.metadata.sorted_tables
        }


async def _hint_by_dm(app: Harness, question: dict[str, Any], guild: str) -> dict[str, Any]:
    """Bob presses the question's Hint in a DM, on a button naming `guild`; return the answer."""
    hint = button(question, "Hint")["custom_id"].replace("pl:", f"pl@{guild}:", 1)
    letter = {**question, "channel_id": DM_CHANNEL, "components": [_row({"custom_id": hint})]}
    press = interaction(3, BOB, {"custom_id": hint, "component_type": 2}, message=letter)
    [reply] = callbacks(await app.feed(in_direct_messages(press, BOB, DM_CHANNEL)))
    return reply


async def test_a_forged_dm_button_naming_a_server_the_member_never_used_changes_nothing(
    discord_app: Harness, hub: Hub
) -> None:
    question = await _question(discord_app)
    before = _rows(hub)
    reply = await _hint_by_dm(discord_app, question, OTHER_GUILD)
    assert reply["data"]["flags"] == EPHEMERAL
    assert reply["data"]["embeds"][0]["description"] == STALE_BUTTON
    assert _rows(hub) == before


async def test_a_dm_button_naming_a_server_the_member_uses_works(discord_app: Harness) -> None:
    question = await _question(discord_app)  # Bob is now a member PrepLoop knows in GUILD
    reply = await _hint_by_dm(discord_app, question, GUILD)
    assert reply["data"]["embeds"][0]["title"].startswith("Hint 1 of ")
