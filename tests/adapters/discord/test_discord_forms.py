"""Forms carry their state in their custom_id: they work after a restart, late, or sent twice."""

from __future__ import annotations

from typing import Any

from bot.app.hub import STALE_BUTTON, Hub
from bot.config import Settings
from tests.adapters.discord.harness import BOB, Harness, callbacks, embeds, interaction, logged_in


async def _answer_form(app: Harness) -> dict[str, Any]:
    await app.slash("question", "today")
    [opened] = callbacks(await app.press(app.latest(), "Answer"))
    return dict(opened["data"])


async def test_the_answer_form_names_its_action_and_post_in_its_custom_id(
    discord_app: Harness,
) -> None:
    form = await _answer_form(discord_app)
    assert form["custom_id"].startswith("pl:q.answer:")


async def test_a_form_sent_after_a_restart_is_still_saved(
    discord_app: Harness, hub: Hub, settings: Settings
) -> None:
    form = await _answer_form(discord_app)
    await discord_app.client.close()
    restarted = Harness(discord_app.api, await logged_in(hub, settings))
    [reply] = embeds(await restarted.submit(form, answer="Written before the restart."))
    assert reply["title"] == "Saved your answer. +10 points."
    await restarted.client.close()


async def test_a_form_sent_twice_is_answered_twice_and_counted_once(
    discord_app: Harness,
) -> None:
    form = await _answer_form(discord_app)
    [first] = embeds(await discord_app.submit(form, answer="Once."))
    [second] = embeds(await discord_app.submit(form, answer="Once."))
    assert first["title"] == "Saved your answer. +10 points."
    assert second["title"] == "Updated your answer."


async def test_a_form_preploop_never_made_gets_a_polite_answer(discord_app: Harness) -> None:
    for custom_id in ("0123456789abcdef", "pl:no.such.form:1"):
        box = {"type": 4, "id": 2, "custom_id": "answer", "value": "text"}
        data = {"custom_id": custom_id, "components": [{"type": 18, "id": 1, "component": box}]}
        [reply] = embeds(await discord_app.feed(interaction(5, BOB, data)))
        assert reply["description"] == STALE_BUTTON
