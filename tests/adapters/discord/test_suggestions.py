"""Suggestions through the real discord.py client: the form, the admins' queue, the decision DM."""

from __future__ import annotations

from typing import Any

from bot.app.hub import ADMIN_ONLY
from tests.adapters.discord.harness import ALICE, BOB, EPHEMERAL, Harness, callbacks
from tests.features.suggestions.flow import SUGGESTED

KEYS = {"category": "applied_ml", "difficulty": "medium", "round": "ml_depth"}


async def _suggest(app: Harness) -> dict[str, Any]:
    [opened] = callbacks(await app.slash("question", "suggest", member=BOB, **KEYS))
    assert opened["type"] == 9  # MODAL
    form = opened["data"]
    assert [c["component"]["custom_id"] for c in form["components"]] == [
        "title",
        "prompt",
        "hints",
        "strong_answer",
    ]
    assert all(0 < len(c["label"]) <= 45 for c in form["components"])
    [saved] = callbacks(await app.submit(form, member=BOB, **SUGGESTED))
    return saved


async def _queue(app: Harness) -> dict[str, Any]:
    """Open the admins' queue; return the message it came in."""
    await app.slash("question-admin", "suggestions", member=ALICE)
    return app.latest()


async def test_a_suggestion_is_approved_and_its_author_told_by_direct_message(
    discord_app: Harness,
) -> None:
    saved = await _suggest(discord_app)
    assert saved["data"]["flags"] == EPHEMERAL
    title = saved["data"]["embeds"][0]["title"]
    assert title == "Thanks! Your question is waiting for review: Calibrating a churn model"
    queue = await _queue(discord_app)
    assert queue["embeds"][-1]["title"] == "Suggested question: Calibrating a churn model"
    await discord_app.press(queue, "Approve", ALICE)
    [letter] = discord_app.dms_to(BOB)
    assert letter["embeds"][0]["title"] == "Your question was approved: Calibrating a churn model"
    assert "+20 points." in letter["embeds"][0]["description"]


async def test_a_denial_reaches_the_author_with_the_reason(discord_app: Harness) -> None:
    await _suggest(discord_app)
    queue = await _queue(discord_app)
    [opened] = callbacks(await discord_app.press(queue, "Deny", ALICE))
    assert opened["type"] == 9
    await discord_app.submit(opened["data"], member=ALICE, reason="Too close to last week's.")
    [letter] = discord_app.dms_to(BOB)
    assert "Too close to last week's." in letter["embeds"][0]["description"]


async def test_a_member_is_refused_the_queue_and_add(discord_app: Harness) -> None:
    for sub, options in (
        ("suggestions", {}),
        ("add", {"category": "coding", "difficulty": "easy"}),
    ):
        [response] = callbacks(
            await discord_app.slash("question-admin", sub, member=BOB, **options)
        )
        assert response["data"]["flags"] == EPHEMERAL
        assert response["data"]["embeds"][0]["description"] == ADMIN_ONLY


async def test_an_admin_adds_a_question_with_the_same_form(discord_app: Harness) -> None:
    calls = await discord_app.slash("question-admin", "add", member=ALICE, **KEYS)
    [opened] = callbacks(calls)
    assert opened["data"]["title"] == "Add a question"
    [saved] = callbacks(await discord_app.submit(opened["data"], member=ALICE, **SUGGESTED))
    title = saved["data"]["embeds"][0]["title"]
    assert title == "Added to this community's bank: Calibrating a churn model"
