"""`/prep` through the real discord.py client: start, the plan with its picture, the admin view."""

from __future__ import annotations

from tests.adapters.discord.harness import ALICE, BOB, EPHEMERAL, Harness, callbacks

# The harness clock stands on Tue 1 Dec 2026.


async def test_the_prep_commands_are_synced_with_levels_as_choices(discord_app: Harness) -> None:
    published = {c["name"]: c for c in discord_app.api.commands}
    start = next(o for o in published["prep"]["options"] if o["name"] == "start")
    level = next(o for o in start["options"] if o["name"] == "level")
    assert {"name": "mle2", "value": "mle2"} in level["choices"]
    assert "overview" in {o["name"] for o in published["prep-admin"]["options"]}


async def test_a_member_starts_a_plan_and_sees_it_with_its_picture(discord_app: Harness) -> None:
    [started] = callbacks(
        await discord_app.slash("prep", "start", member=BOB, date="2026-12-29", level="mle2")
    )
    assert started["data"]["flags"] == EPHEMERAL
    assert started["data"]["embeds"][0]["title"] == "Your prep plan is ready"
    assert "28 items, one a day from Tue 1 Dec" in started["data"]["embeds"][0]["description"]
    [shown] = callbacks(await discord_app.slash("prep", "show", member=BOB))
    embed = shown["data"]["embeds"][0]
    assert embed["title"] == "Your prep plan: 28 days to your interview (Tue 29 Dec)"
    assert embed["image"]["url"] == "attachment://prep-progress.png"
    [(name, data)] = shown["files"]
    assert (name, data[:4]) == ("prep-progress.png", b"\x89PNG")
    [item] = callbacks(await discord_app.press(discord_app.latest(), "Today's item", member=BOB))
    assert item["data"]["embeds"][0]["title"].startswith("Prep plan · Coding · practice question")


async def test_the_overview_is_for_admins_and_names_nobody(discord_app: Harness) -> None:
    await discord_app.slash("prep", "start", member=BOB, date="2026-12-29")
    [seen] = callbacks(await discord_app.slash("prep-admin", "overview", member=ALICE))
    assert "1 member has a prep plan; interviews: in 3-4 weeks 1" in str(seen["data"])
    assert "bob" not in str(seen["data"]).lower()
    [refused] = callbacks(await discord_app.slash("prep-admin", "overview", member=BOB))
    assert "1 member has" not in str(refused["data"])
