"""Standing schedules on Slack: `/question schedule`, `/question next` and its Skip button."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app.hub import ADMIN_ONLY
from tests.adapters.slack.conftest import ADMIN, CHANNEL, Workspace, buttons, texts
from tests.fakes import FakeClock


async def test_an_admin_schedules_the_channel_and_switches_it_off(
    slack: Workspace, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 4, 12, tzinfo=UTC))
    slack.fake.admins.add(ADMIN)
    await slack.command("schedule time:09:00 timezone:Europe/Berlin track:lp", user=ADMIN)
    [post] = await slack.fake.wait_for("chat.postMessage")
    assert post["channel"] == CHANNEL
    shown = texts(post)
    assert "Question of the day: scheduled here" in shown
    assert "Leadership Principles only" in shown
    assert "Sat 5 Dec, 09:00 (Europe/Berlin)" in shown
    await slack.command("schedule off", user=ADMIN)
    [_, stopped] = await slack.fake.wait_for("chat.postMessage", 2)
    assert "schedule stopped" in texts(stopped)


async def test_a_member_is_refused_the_schedule_and_the_preview(slack: Workspace) -> None:
    await slack.command("schedule time:09:00", user="U2")
    await slack.command("next", user="U2")
    refusals = await slack.fake.wait_responses(2)
    assert [r["text"] for r in refusals] == [ADMIN_ONLY, ADMIN_ONLY]


async def test_next_previews_privately_and_skip_swaps_it(
    slack: Workspace, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 4, 12, tzinfo=UTC))
    slack.fake.admins.add(ADMIN)
    await slack.command("schedule time:09:00 track:ml", user=ADMIN)
    await slack.command("next", user=ADMIN)
    [preview] = await slack.fake.wait_responses()
    assert preview["response_type"] == "ephemeral"
    assert "Next question:" in texts(preview)
    skip = buttons(preview)["Skip"]
    await slack.press(skip["action_id"], skip["value"], user=ADMIN)
    responses = await slack.fake.wait_responses(2)
    assert "Swapped. Next question:" in texts(responses[-1])
