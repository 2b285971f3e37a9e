"""Story nudges through the real discord.py client: an offer by DM, Take it, the reminder."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.app.hub import Hub
from bot.scheduling.delivery import JobRunner
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    OWNER,
    Harness,
    callbacks,
    in_direct_messages,
)
from tests.fakes import FakeClock
from tests.features.story.flow import GOOD


def _titles(messages: list[dict[str, Any]]) -> list[str]:
    return [e.get("title", "") for m in messages for e in m.get("embeds", [])]


async def _press_in_dm(app: Harness, message: dict[str, Any], label: str, member: Any) -> Any:
    press = app.press_payload(message, label, member)
    return callbacks(await app.feed(in_direct_messages(press, member, message["channel_id"])))


async def test_a_waiting_story_is_offered_by_dm_and_taken_then_its_reviewer_reminded(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    for member, choice in ((ALICE, "on"), (OWNER, "off")):
        await discord_app.slash("profile", "set", member=member, reviewer=choice)
    [opened] = callbacks(await discord_app.slash("story", "new", member=BOB, principle="ownership"))
    await discord_app.submit(opened["data"], member=BOB, **GOOD)
    runner = JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger})
    start = clock.now()
    clock.set(start + timedelta(hours=48))
    for _ in range(3):
        await runner.tick()
    [offer] = discord_app.dms_to(ALICE)
    assert _titles([offer]) == ["A story is waiting for you: Fixed the flaky ranking pipeline"]
    assert discord_app.dms_to(BOB) == [] and discord_app.dms_to(OWNER) == []

    [taken] = await _press_in_dm(discord_app, offer, "Take it", ALICE)
    assert taken["data"]["embeds"][0]["title"] == (
        "Review this story: Fixed the flaky ranking pipeline"
    )
    clock.set(start + timedelta(hours=72))
    for _ in range(3):
        await runner.tick()
    reminder = discord_app.dms_to(ALICE)[-1]
    assert _titles([reminder]) == ["Your review is waiting: Fixed the flaky ranking pipeline"]
    [back] = await _press_in_dm(discord_app, reminder, "Hand it back", ALICE)
    assert back["data"]["embeds"][0]["description"].startswith("Handed back: the story waits")
    assert len(discord_app.dms_to(ALICE)) == 2
