"""Sprints, the scheduled daily loop and the leaderboard, end to end on Discord."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.app.hub import ADMIN_ONLY, Hub
from bot.core.actors import Actor
from bot.core.points import Reason
from bot.scheduling.delivery import JobRunner
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    CHANNEL,
    EPHEMERAL,
    GUILD,
    Harness,
    callbacks,
    embeds,
)
from tests.fakes import FakeClock
from tests.features.leaderboard.flow import give


def _published(harness: Harness) -> dict[str, dict[str, Any]]:
    return {command["name"]: command for command in harness.api.commands}


async def test_sprint_is_one_admin_command_hidden_from_members(discord_app: Harness) -> None:
    published = _published(discord_app)
    sprint = published["sprint"]
    assert int(sprint["default_member_permissions"]) == 32
    assert {sub["name"] for sub in sprint["options"]} >= {"start", "status", "plan", "end"}
    assert "sprint-admin" not in published
    assert published["leaderboard"]["default_member_permissions"] is None


async def test_a_member_is_refused_sprint_commands_even_if_a_server_shows_them(
    discord_app: Harness,
) -> None:
    calls = await discord_app.run("sprint", "start", BOB, name="Mine")
    [response] = callbacks(calls)
    assert response["data"]["embeds"][0]["description"] == ADMIN_ONLY


async def test_the_scheduled_question_is_posted_answered_shared_and_revealed_in_its_thread(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    await discord_app.start_sprint(clock)
    runner = JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger})
    clock.set(datetime(2026, 12, 7, 9, tzinfo=UTC))
    assert await runner.tick() == 1
    posted = discord_app.latest()
    assert posted["embeds"][0]["title"].startswith("Question of the day")

    calls = await discord_app.press(posted, "Answer", BOB)
    [modal] = callbacks(calls)
    assert modal["type"] == 9
    calls = await discord_app.submit(modal["data"], BOB, answer="Hash map of complements.")
    [saved] = callbacks(calls)
    assert saved["data"]["embeds"][0]["title"] == "Saved your answer. +10 points."
    calls = await discord_app.press(discord_app.latest(), "Share in the thread", BOB)
    thread_posts = [
        c
        for c in calls
        if c.path.startswith("/channels/") and c.method == "POST" and "Bob" in str(c.body)
    ]
    assert thread_posts, "the shared answer reaches the thread"

    clock.set(datetime(2026, 12, 8, 8, 5, tzinfo=UTC))
    await runner.tick()
    reveal = [
        e for e in embeds(discord_app.api.calls) if e.get("title", "").startswith("What a strong")
    ]
    assert len(reveal) == 1


async def test_the_leaderboard_is_private_with_the_callers_rank(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    await discord_app.slash("question", "today", BOB)
    calls = await discord_app.press(discord_app.latest(), "Answer", BOB)
    await discord_app.submit(callbacks(calls)[0]["data"], BOB, answer="An answer.")
    calls = await discord_app.slash("leaderboard", None, BOB, period="all")
    [board] = callbacks(calls)
    assert board["data"]["flags"] & EPHEMERAL
    embed = board["data"]["embeds"][0]
    assert "— 10 pts" in embed["description"]
    assert embed["footer"]["text"] == "You: #1 with 10 pts"


async def test_practice_rating_buttons_work_from_discord(discord_app: Harness) -> None:
    await discord_app.slash("practice", "next", BOB)
    card = discord_app.latest()
    assert card["embeds"][0]["title"].startswith("Practice:")
    calls = await discord_app.press(card, "Missed", BOB)
    [rated] = callbacks(calls)
    assert "comes back in /practice tomorrow" in rated["data"]["embeds"][0]["description"]


async def test_two_members_on_equal_points_share_first_place_and_are_told_so(
    discord_app: Harness,
) -> None:
    for member in (ALICE, BOB):
        await discord_app.slash("question", "today", member)
        calls = await discord_app.press(discord_app.latest(), "Answer", member)
        await discord_app.submit(callbacks(calls)[0]["data"], member, answer="An answer.")
    calls = await discord_app.slash("leaderboard", None, BOB, period="all")
    embed = callbacks(calls)[0]["data"]["embeds"][0]
    assert embed["description"].splitlines() == ["🥇 =1 Alice — 10 pts", "🥇 =1 Bob — 10 pts"]
    assert embed["footer"]["text"] == "You: =1 with 10 pts"


async def test_a_negative_score_wins_no_medal_and_ranks_below_more_points(
    discord_app: Harness, hub: Hub
) -> None:
    await discord_app.slash("leaderboard", None, ALICE, period="all")  # alice joins
    alice = Actor("discord", GUILD, ALICE.id, "alice", channel_id=CHANNEL)
    for _ in range(3):
        give(hub, alice, -20, Reason.NO_SHOW)
    await discord_app.slash("question", "today", BOB)
    calls = await discord_app.press(discord_app.latest(), "Answer", BOB)
    await discord_app.submit(callbacks(calls)[0]["data"], BOB, answer="An answer.")
    calls = await discord_app.slash("leaderboard", None, ALICE, period="all")
    embed = callbacks(calls)[0]["data"]["embeds"][0]
    assert embed["description"].splitlines() == ["🥇 #1 Bob — 10 pts", "#2 Alice — -60 pts"]
    assert embed["footer"]["text"] == "You: #2 with -60 pts"


async def test_the_recap_counts_one_member_one_answer_and_one_question_in_the_singular(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    await discord_app.start_sprint(clock)
    runner = JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger})
    clock.set(datetime(2026, 12, 7, 9, tzinfo=UTC))
    await runner.tick()
    calls = await discord_app.press(discord_app.latest(), "Answer", BOB)
    await discord_app.submit(callbacks(calls)[0]["data"], BOB, answer="A hash map.")
    calls = await discord_app.run("sprint", "end", ALICE)
    recap = callbacks(calls)[0]["data"]["embeds"][0]
    assert recap["title"] == "Sprint recap: Winter"
    assert recap["description"].splitlines() == ["🥇 #1 Bob — 10 pts"]
    fields = {field["name"]: field["value"] for field in recap["fields"]}
    assert fields["Participation"] == "1 member · 1 answer · 1 question"
