"""On Discord: a channel's times read in its sprint's zone; post-now twice posts once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.adapters.discord.harness import ALICE, EPHEMERAL, Harness, callbacks
from tests.fakes import FakeClock


def _questions(harness: Harness) -> list[dict[str, Any]]:
    return [
        m
        for m in harness.api.messages.values()
        if m.get("embeds") and m["embeds"][0]["title"].startswith("Question of the day")
    ]


async def _berlin_sprint(harness: Harness, clock: FakeClock) -> None:
    clock.set(datetime(2026, 12, 6, 12, tzinfo=UTC))
    calls = await harness.run(
        "sprint", "start", ALICE, name="Winter", start="2026-12-07", timezone="europe/berlin"
    )
    [started] = callbacks(calls)
    assert (
        "The question posts here at 09:00 Europe/Berlin"
        in started["data"]["embeds"][0]["description"]
    )


async def test_a_second_post_now_tells_the_admin_the_time_in_the_sprints_zone(
    discord_app: Harness, clock: FakeClock
) -> None:
    await _berlin_sprint(discord_app, clock)
    clock.set(datetime(2026, 12, 7, 7, 30, tzinfo=UTC))
    await discord_app.slash("question-admin", "post-now", member=ALICE)
    calls = await discord_app.slash("question-admin", "post-now", member=ALICE)
    [answer] = callbacks(calls)
    assert answer["data"]["flags"] == EPHEMERAL
    embed = answer["data"]["embeds"][0]
    assert embed["title"] == "Today's question is already posted here"
    assert "was posted on Mon 7 Dec, 08:30 (Europe/Berlin)." in embed["description"]
    assert len(_questions(discord_app)) == 1


async def test_a_paused_sprint_status_reads_in_the_sprints_days(
    discord_app: Harness, clock: FakeClock
) -> None:
    await _berlin_sprint(discord_app, clock)
    clock.set(datetime(2026, 12, 8, 23, 30, tzinfo=UTC))  # already Wednesday in Berlin
    await discord_app.run("sprint", "pause", ALICE)
    calls = await discord_app.run("sprint", "status", ALICE)
    [status] = callbacks(calls)
    fields = {f["name"]: f["value"] for f in status["data"]["embeds"][0]["fields"]}
    assert fields["Status"] == "paused since Wed 9 Dec · week 1 of 4"
    assert fields["Posts"] == "09:00 Europe/Berlin"
