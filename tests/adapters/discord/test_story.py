"""`/story` through the real discord.py client: write, review, notify the author, helpful."""

from __future__ import annotations

from typing import Any

from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    EPHEMERAL,
    GUILD,
    Harness,
    callbacks,
    embeds,
    in_direct_messages,
)
from tests.features.story.flow import COMMENTS, GOOD


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for row in message.get("components", []) for b in row.get("components", [])]


async def _write(app: Harness) -> dict[str, Any]:
    [opened] = callbacks(await app.slash("story", "new", member=BOB, principle="ownership"))
    assert opened["type"] == 9  # MODAL
    form = opened["data"]
    assert [c["component"]["custom_id"] for c in form["components"]] == [
        "title",
        "situation",
        "task",
        "action",
        "result",
    ]
    assert all(0 < len(c["label"]) <= 45 for c in form["components"])
    assert all(c["component"]["max_length"] <= 3000 for c in form["components"])
    [saved] = callbacks(await app.submit(form, member=BOB, **GOOD))
    return saved


async def test_the_story_commands_are_synced_with_the_16_principles_as_choices(
    discord_app: Harness,
) -> None:
    story = next(c for c in discord_app.api.commands if c["name"] == "story")
    new = next(o for o in story["options"] if o["name"] == "new")
    principle = next(o for o in new["options"] if o["name"] == "principle")
    assert len(principle["choices"]) == 16
    assert {"name": "ownership", "value": "ownership"} in principle["choices"]


async def test_a_story_is_written_reviewed_and_the_author_marks_the_review_helpful(
    discord_app: Harness,
) -> None:
    saved = await _write(discord_app)
    assert saved["data"]["flags"] == EPHEMERAL
    embed = saved["data"]["embeds"][0]
    assert embed["title"] == "Story #1 saved: Fixed the flaky ranking pipeline. +15 points."
    assert embed["description"].startswith("**Automatic check: nothing to fix.**")

    handed = await discord_app.slash("story", "review", member=ALICE)
    assert all(m.get("flags") == EPHEMERAL for c in handed for m in c.messages)
    titles = [e.get("title") for e in embeds(handed)]
    assert "Review this story: Fixed the flaky ranking pipeline" in titles
    offer = discord_app.latest()
    assert [b["label"] for b in _buttons(offer)] == ["Take it", "Skip this one"]
    await discord_app.press(offer, "Take it", member=ALICE)
    rubric = discord_app.latest()
    assert [b["label"] for b in _buttons(rubric)] == ["Write review", "Skip this one"]
    [opened] = callbacks(await discord_app.press(rubric, "Write review", member=ALICE))
    calls = await discord_app.submit(
        opened["data"], member=ALICE, scores="3 4 3 4 3", comments=COMMENTS
    )
    [thanks] = callbacks(calls)
    assert thanks["data"]["embeds"][0]["title"].startswith("Thanks! Your review of Fixed the")

    [dm] = [c for c in calls if c.path == "/users/@me/channels"]
    assert str(dm.body["recipient_id"]) == BOB.id
    [letter] = [
        m for m in discord_app.api.messages.values() if m["channel_id"] in discord_app.api.dms
    ]
    assert letter["embeds"][0]["title"] == (
        "New review of your story #1: Fixed the flaky ranking pipeline"
    )
    [helpful] = _buttons(letter)
    assert helpful["custom_id"].startswith(f"pl@{GUILD}:story.helpful:")

    press = discord_app.press_payload(letter, "Helpful", BOB)
    [reply] = callbacks(
        await discord_app.feed(in_direct_messages(press, BOB, letter["channel_id"]))
    )
    assert reply["data"]["embeds"][0]["description"] == (
        "Thanks! Alice gets +5 points for a helpful review."
    )


async def test_a_mention_in_a_story_is_escaped_and_never_pings(discord_app: Harness) -> None:
    [opened] = callbacks(await discord_app.slash("story", "new", member=BOB, principle="ownership"))
    fields = {**GOOD, "title": "@everyone <@1400000000000000001>"}
    [saved] = callbacks(await discord_app.submit(opened["data"], member=BOB, **fields))
    title = saved["data"]["embeds"][0]["title"]
    assert "@everyone" not in title
    assert "<@1400000000000000001>" not in title


async def test_the_coverage_map_arrives_as_a_png_shown_in_the_embed(discord_app: Harness) -> None:
    await _write(discord_app)
    calls = await discord_app.slash("story", "coverage", member=BOB)
    [answer] = callbacks(calls)
    [(name, data)] = answer["files"]
    assert name == "lp-coverage.png"
    assert data.startswith(b"\x89PNG")
    assert answer["data"]["embeds"][0]["image"]["url"] == "attachment://lp-coverage.png"
    assert answer["data"]["flags"] & EPHEMERAL


async def test_a_story_offered_for_review_shows_only_its_title_and_principle(
    discord_app: Harness,
) -> None:
    await _write(discord_app)
    handed = await discord_app.slash("story", "review", member=ALICE)
    [offer] = embeds(handed)
    assert offer["title"] == "Review this story: Fixed the flaky ranking pipeline"
    assert offer["description"].startswith("**Principles:** Ownership\n\nTake it to read")
    assert GOOD["action"][:40] not in str([c.body for c in handed])
    taken = await discord_app.press(discord_app.latest(), "Take it", member=ALICE)
    assert GOOD["action"][:40] in str([c.body for c in taken])
