"""The weekly digest on Discord: one DM embed on Monday, none for digest:off, none twice."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.app.hub import Hub
from bot.core.actors import Actor
from bot.scheduling.delivery import JobRunner
from tests.adapters.discord.harness import ALICE, BOB, CHANNEL, GUILD, OWNER, Harness, Member
from tests.fakes import FakeClock
from tests.features.leaderboard.flow import give

TITLE = "Your week in PrepLoop"


def _on_discord(member: Member) -> Actor:
    return Actor("discord", GUILD, member.id, member.name, channel_id=CHANNEL)


def _digests(app: Harness, member: Member) -> list[dict[str, Any]]:
    return [m for m in app.dms_to(member) if m.get("embeds") and m["embeds"][0]["title"] == TITLE]


async def test_a_tie_reads_the_same_in_both_digests_and_digest_off_gets_none(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 2, 10, tzinfo=UTC))
    await discord_app.slash("profile", "set", member=BOB, digest="off")
    for member in (ALICE, OWNER, BOB):
        give(hub, _on_discord(member), 15)
    runner = JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger})
    clock.set(datetime(2026, 12, 7, 9, tzinfo=UTC))
    await runner.tick()
    for member in (ALICE, OWNER):
        [letter] = _digests(discord_app, member)
        text = letter["embeds"][0]["description"]
        assert "**Last week** (Mon 30 Nov – Sun 6 Dec): 0 answers · 15 pts · =1" in text
        assert "**Rank:** =1 all time (new on the board this week)" in text
    assert _digests(discord_app, BOB) == []
    sent = discord_app.api.sent_messages()
    assert sent and all(message["allowed_mentions"] == {"parse": []} for message in sent)
    again = JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger})  # a restart
    clock.set(datetime(2026, 12, 7, 12, tzinfo=UTC))
    await again.tick()
    assert len(_digests(discord_app, ALICE)) == 1
