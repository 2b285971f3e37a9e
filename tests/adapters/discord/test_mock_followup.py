"""After a mock, through the real discord.py client: nudge, feedback, Helpful, history, rematch."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.app.hub import Hub
from bot.scheduling.delivery import JobRunner
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    EPHEMERAL,
    Harness,
    Member,
    button,
    callbacks,
    in_direct_messages,
    interaction,
)
from tests.adapters.discord.test_mock import _paired
from tests.fakes import FakeClock
from tests.features.mock.flow import FEEDBACK, STARTS, points


def _titled(app: Harness, member: Member, title: str) -> dict[str, Any]:
    return next(m for m in reversed(app.dms_to(member)) if m["embeds"][0]["title"] == title)


async def _press_dm(
    app: Harness, message: dict[str, Any], label: str, member: Member, on: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Press a button in a DM; `on` is the private reply carrying it, shown over `message`."""
    if on is not None:  # discord.py finds the pressed button among the message's components
        message = message | {"components": on["components"]}
    custom_id = button(message, label)["custom_id"]
    data = {"custom_id": custom_id, "component_type": 2}
    press = interaction(3, member, data, message=message)
    return callbacks(await app.feed(in_direct_messages(press, member, message["channel_id"])))


async def _agreed(app: Harness) -> None:
    """Pair Alice and Bob and have both accept the proposed time, so the mock is confirmed."""
    await _paired(app)
    for member in (ALICE, BOB):
        announced = _titled(app, member, "You have a mock interview partner")
        await _press_dm(app, announced, "Accept", member, None)
    assert _titled(app, ALICE, "Your mock interview is confirmed")


async def test_nudge_then_feedback_then_helpful_once_then_history(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    await _agreed(discord_app)
    runner = JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger})
    clock.set(STARTS + timedelta(hours=2))
    await runner.tick()
    nudge = _titled(discord_app, BOB, "How did your mock go?")
    assert nudge["embeds"][0]["description"].startswith(
        f"How did your mock interview with <@{ALICE.id}> on Tue 1 Dec, 12:00 (America/New_York)"
    )
    assert _titled(discord_app, ALICE, "How did your mock go?")
    await runner.tick()
    assert (
        sum(m["embeds"][0]["title"] == "How did your mock go?" for m in discord_app.dms_to(BOB))
        == 1
    )

    [opened] = await _press_dm(discord_app, nudge, "Give feedback", BOB, None)
    assert opened["type"] == 9 and opened["data"]["title"] == "Feedback: Coding"
    await discord_app.submit(
        opened["data"], member=BOB, s0="4", s1="3", s2="3", s3="2", comment=FEEDBACK
    )
    letter = _titled(discord_app, ALICE, "Feedback from your mock interview")
    before = points(hub, str(BOB.id))
    [thanks] = await _press_dm(discord_app, letter, "Helpful", ALICE, None)
    assert thanks["data"]["flags"] == EPHEMERAL
    assert thanks["data"]["embeds"][0]["description"] == (
        f"Thanks! <@{BOB.id}> is told you found it helpful. They get +5 points."
    )
    assert _titled(discord_app, BOB, "Your feedback helped")
    [again] = await _press_dm(discord_app, letter, "Helpful", ALICE, None)
    assert again["data"]["embeds"][0]["description"] == (
        "You already marked this feedback helpful. Thanks!"
    )
    assert points(hub, str(BOB.id)) - before == 5

    [history] = callbacks(await discord_app.slash("mock", "history", member=ALICE))
    shown = history["data"]["embeds"][0]
    assert shown["title"] == "Your mock feedback"
    fields = {f["name"]: f["value"] for f in shown["fields"]}
    assert fields["Onsite coding: 1 mock"].startswith("Average: Problem solving 4.0")
    assert "· from <@" in fields["Timeline, newest first"]
    assert "marked helpful" in fields["Timeline, newest first"]


async def test_did_you_meet_no_partner_did_not_come_puts_the_member_first_in_line(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    await _agreed(discord_app)
    runner = JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger})
    clock.set(STARTS + timedelta(hours=48))
    await runner.tick()
    asked = _titled(discord_app, ALICE, "Did you meet?")
    [why] = await _press_dm(discord_app, asked, "No, we didn't meet", ALICE, None)
    assert why["data"]["embeds"][0]["title"] == "What happened?"
    [sorry] = await _press_dm(discord_app, asked, "My partner didn't come", ALICE, why["data"])
    assert sorry["data"]["embeds"][0]["description"] == (
        "Sorry your partner didn't come to your mock interview. You are first in line: see your "
        "direct messages."
    )
    assert _titled(discord_app, ALICE, "Back in the mock queue, first in line")
    [status] = callbacks(await discord_app.slash("mock", "status", member=ALICE))
    assert "You are first in line." in str(status["data"]["embeds"][0])
