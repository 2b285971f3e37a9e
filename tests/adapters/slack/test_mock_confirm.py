"""A mock's time agreed through the real bolt app: another time, accept, reminders, group DM."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.adapters.slack import SlackMessenger, build_client
from bot.app.hub import Hub
from bot.config import Settings
from bot.scheduling.delivery import JobRunner
from tests.adapters.slack.conftest import ADMIN, Workspace, buttons, texts
from tests.fakes import FakeClock
from tests.features.mock.test_confirm_schedule import THURSDAY, THURSDAY_LABEL


def _letters(slack: Workspace, to: str, title: str) -> list[dict[str, Any]]:
    return [c for c in slack.fake.posted if c["channel"] == f"D{to}" and title in texts(c)]


async def _press(slack: Workspace, message: dict[str, Any], label: str, user: str) -> None:
    button = buttons(message)[label]
    await slack.press(button["action_id"], button["value"], user=user)


async def _agree_thursday(slack: Workspace) -> None:
    await slack.pair_for_a_mock()
    [announced] = _letters(slack, "U2", "You have a mock interview partner")
    answered = len(slack.fake.responses)
    await _press(slack, announced, "Another time", "U2")
    offered = (await slack.fake.wait_responses(answered + 1))[-1]
    assert list(buttons(offered)) == [
        "Tue 1 Dec, 13:00 (America/New_York)",
        "Wed 2 Dec, 12:00 (America/New_York)",
        THURSDAY_LABEL,
        "Suggest your own",
    ]
    posted = len(slack.fake.posted)
    await _press(slack, offered, THURSDAY_LABEL, "U2")
    await slack.fake.wait_for("chat.postMessage", posted + 1)
    [asked] = _letters(slack, "U1", "Another time for your mock interview")
    assert "@U2 proposes Thu 3 Dec, 18:00 (Europe/Paris)." in str(asked["blocks"])
    await _press(slack, asked, "Accept", "U1")
    await slack.fake.wait_for("chat.postMessage", posted + 3)


def _runner(hub: Hub, clock: FakeClock, settings: Settings) -> JobRunner:
    return JobRunner(hub.engine, clock, {"slack": SlackMessenger(build_client(settings))})


async def test_another_time_then_accept_confirms_with_an_invite_and_reminds_twice(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    await _agree_thursday(slack)
    for user in ("U1", "U2"):
        [confirmed] = _letters(slack, user, "Your mock interview is confirmed")
        assert "Interviewer packet" in buttons(confirmed)
    await slack.fake.wait_for("files.completeUploadExternal", 4)
    assert [b"SEQUENCE:1" in upload for upload in slack.fake.uploads] == [False] * 2 + [True] * 2
    clock.set(THURSDAY - timedelta(hours=24))
    await _runner(hub, clock, slack_settings).tick()
    clock.set(THURSDAY - timedelta(hours=1))
    await _runner(hub, clock, slack_settings).tick()
    await _runner(hub, clock, slack_settings).tick()
    for user in ("U1", "U2"):
        assert len(_letters(slack, user, "Mock interview in 24 hours")) == 1
        assert len(_letters(slack, user, "Mock interview in 1 hour")) == 1
    [last] = _letters(slack, "U2", "Mock interview in 1 hour")
    assert "You interview @U1 first." in str(last["blocks"])


async def test_the_pair_gets_a_group_dm_at_its_time_closed_a_day_later(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    slack.fake.admins.add(ADMIN)
    await slack.command("settings space:on", user=ADMIN, command="/mock")
    await _agree_thursday(slack)
    clock.set(THURSDAY)
    await _runner(hub, clock, slack_settings).tick()
    assert slack.fake.of("conversations.open")[-1]["users"] == "U2,U1"
    [welcome] = [c for c in slack.fake.posted if c["channel"] == "DU2,U1"]
    assert "Your mock interview space" in texts(welcome)
    clock.set(THURSDAY + timedelta(days=1))
    await _runner(hub, clock, slack_settings).tick()
    assert [c["channel"] for c in slack.fake.of("conversations.close")] == ["DU2,U1"]


async def test_without_the_group_dm_scope_both_meet_by_dm_and_the_admin_is_told_once(
    slack: Workspace, hub: Hub, clock: FakeClock, slack_settings: Settings
) -> None:
    slack.fake.admins.add(ADMIN)
    await slack.command("settings space:on", user=ADMIN, command="/mock")
    await _agree_thursday(slack)
    slack.fake.group_dm_error = "missing_scope"
    clock.set(THURSDAY)
    await _runner(hub, clock, slack_settings).tick()
    assert len(_letters(slack, "U1", "Your mock interview starts now")) == 1
    [told] = _letters(slack, ADMIN, "Private mock spaces are not working")
    assert "missing_scope" in texts(told) or "permission" in texts(told)
