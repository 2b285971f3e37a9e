"""What members see on Discord of the pairing rules: packets, repeat partners, rounds, times."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.app.hub import Hub
from bot.scheduling.delivery import JobRunner
from tests.adapters.discord.harness import ALICE, BOB, Harness, callbacks
from tests.fakes import FakeClock

DESIGN_TITLES = {"Canary for a ranking model", "Product search ranking"}


async def _profile(app: Harness, member: Any) -> None:
    hours = "mon-fri 18:00-21:00"
    await app.slash(
        "profile",
        "set",
        member=member,
        role="MLE",
        level="mle2",
        timezone="Europe/Paris",
        availability=hours,
    )


def _fields(embed: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields", [])}


async def test_a_design_mock_packet_asks_a_design_question_scored_on_the_design_rubric(
    discord_app: Harness,
) -> None:
    for member in (ALICE, BOB):
        await _profile(discord_app, member)
        await discord_app.slash("mock", "request", member=member, round="ml_system_design")
    packet = discord_app.dms_to(ALICE)[1]["embeds"][0]
    title, question = packet["title"].split(" · ")
    assert title == "Interviewer packet: ML system design"
    assert question in DESIGN_TITLES
    assert _fields(packet)["You will score (ML system design)"] == (
        "Requirements · Architecture · Trade-offs · Metrics"
    )


async def _profile_in(app: Harness, member: Any, zone: str, hours: str) -> None:
    await app.slash(
        "profile", "set", member=member, role="MLE", level="mle2", timezone=zone, availability=hours
    )


def _titled(app: Harness, start: str) -> list[dict[str, Any]]:
    return [
        m
        for m in app.api.messages.values()
        if m.get("embeds") and m["embeds"][0]["title"].startswith(start)
    ]


async def test_a_sprint_round_shows_times_in_its_zone_and_pairs_a_request_made_while_open(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 6, 12, tzinfo=UTC))
    await discord_app.run(
        "sprint", "start", ALICE, name="Winter", start="2026-12-07", timezone="Europe/Berlin"
    )
    runner = JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger})
    clock.set(datetime(2026, 12, 12, 8, tzinfo=UTC))  # Saturday 09:00 in Berlin: a mock day
    await runner.tick()
    [card] = _titled(discord_app, "Mock round: Phone screen")
    assert card["embeds"][0]["footer"]["text"].startswith(
        "RSVPs close Sun 13 Dec, 09:00 (Europe/Berlin)"
    )

    await _profile_in(discord_app, ALICE, "Europe/Paris", "mon-fri 18:00-21:00")
    [joined] = callbacks(await discord_app.press(card, "Join this round", ALICE))
    assert "Sun 13 Dec, 09:00 (Europe/Paris)" in joined["data"]["embeds"][0]["description"]
    await _profile_in(discord_app, BOB, "America/New_York", "mon-fri 12:00-15:00")
    [held] = callbacks(await discord_app.slash("mock", "request", member=BOB, round="phone_screen"))
    assert held["data"]["embeds"][0]["description"].endswith(
        "A mock round closes Sun 13 Dec, 03:00 (America/New_York): you are part of it."
    )

    clock.set(datetime(2026, 12, 13, 8, 1, tzinfo=UTC))
    await runner.tick()
    [closed] = _titled(discord_app, "Mock round closed")
    assert closed["embeds"][0]["description"] == "1 pair is out; check your private messages."
    assert _titled(discord_app, "You have a mock interview partner")
