"""Standing schedules on Discord: `/question-admin schedule` and `next`, the Skip button."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app.hub import ADMIN_ONLY
from tests.adapters.discord.harness import ALICE, BOB, EPHEMERAL, Harness, callbacks
from tests.fakes import FakeClock


async def test_schedule_and_next_are_admin_subcommands(discord_app: Harness) -> None:
    published = {command["name"]: command for command in discord_app.api.commands}
    admin = {sub["name"]: sub for sub in published["question-admin"]["options"]}
    assert {"schedule", "next"} <= set(admin)
    assert int(published["question-admin"]["default_member_permissions"]) == 32
    options = {option["name"] for option in admin["schedule"]["options"]}
    assert options == {"time", "timezone", "days", "track", "weekly_board"}
    assert "schedule" not in {sub["name"] for sub in published["question"].get("options", [])}


async def test_an_admin_schedules_the_channel_and_the_channel_sees_it(
    discord_app: Harness, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 4, 12, tzinfo=UTC))
    calls = await discord_app.run(
        "question-admin", "schedule", ALICE, time="09:00", timezone="Europe/Berlin", track="coding"
    )
    [response] = callbacks(calls)
    assert not response["data"].get("flags", 0) & EPHEMERAL
    embed = response["data"]["embeds"][0]
    assert embed["title"] == "Question of the day: scheduled here"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Next post"] == "Sat 5 Dec, 09:00 (Europe/Berlin)"
    calls = await discord_app.run("question-admin", "schedule", ALICE, time="off")
    [stopped] = callbacks(calls)
    assert stopped["data"]["embeds"][0]["title"] == "Question of the day: schedule stopped"


async def test_a_member_is_refused_the_schedule(discord_app: Harness) -> None:
    calls = await discord_app.run("question-admin", "schedule", BOB, time="09:00")
    [response] = callbacks(calls)
    assert response["data"]["embeds"][0]["description"] == ADMIN_ONLY


async def test_next_previews_privately_and_skip_swaps_it(
    discord_app: Harness, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 4, 12, tzinfo=UTC))
    await discord_app.run("question-admin", "schedule", ALICE, time="09:00", track="ml")
    [preview] = callbacks(await discord_app.run("question-admin", "next", ALICE))
    assert preview["data"]["flags"] == EPHEMERAL
    first = preview["data"]["embeds"][0]["title"]
    assert first.startswith("Next question: ")
    shown = discord_app.latest()
    [swapped] = callbacks(await discord_app.press(shown, "Skip", ALICE))
    title = swapped["data"]["embeds"][0]["title"]
    assert title.startswith("Swapped. Next question: ") and title.removeprefix("Swapped. ") != first
    [refused] = callbacks(await discord_app.press(shown, "Skip", BOB))
    assert "Only community admins" in refused["data"]["embeds"][0]["description"]
