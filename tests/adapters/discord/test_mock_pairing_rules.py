"""What members see on Discord of the pairing rules: packets, repeat partners, rounds, times."""

from __future__ import annotations

from typing import Any

from tests.adapters.discord.harness import ALICE, BOB, Harness

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
