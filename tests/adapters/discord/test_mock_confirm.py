"""A mock's time agreed through the real discord.py client: another time, accept, reminders,
and the pair's private thread."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.app.hub import Hub
from bot.scheduling.delivery import JobRunner
from tests.adapters.discord.fake_api import FakeDiscord
from tests.adapters.discord.harness import (
    ALICE,
    BOB,
    CHANNEL,
    Harness,
    Member,
    callbacks,
    in_direct_messages,
)
from tests.adapters.discord.test_mock import _paired
from tests.fakes import FakeClock
from tests.features.mock.test_confirm_schedule import THURSDAY, THURSDAY_LABEL


def _titled(app: Harness, member: Member, title: str) -> list[dict[str, Any]]:
    return [m for m in app.dms_to(member) if m["embeds"] and m["embeds"][0]["title"] == title]


async def _press_in_dm(app: Harness, message: dict[str, Any], label: str, member: Member) -> Any:
    payload = app.press_payload(message, label, member)
    return await app.feed(in_direct_messages(payload, member, message["channel_id"]))


async def _agree_thursday(app: Harness) -> None:
    await _paired(app)
    [announced] = _titled(app, BOB, "You have a mock interview partner")
    [offered] = callbacks(await _press_in_dm(app, announced, "Another time", BOB))
    labels = [b["label"] for row in offered["data"]["components"] for b in row["components"]]
    assert labels == [
        "Tue 1 Dec, 13:00 (America/New_York)",
        "Wed 2 Dec, 12:00 (America/New_York)",
        THURSDAY_LABEL,
        "Suggest your own",
    ]
    choice = {**app.latest(), "channel_id": announced["channel_id"]}
    await _press_in_dm(app, choice, THURSDAY_LABEL, BOB)
    [asked] = _titled(app, ALICE, "Another time for your mock interview")
    assert asked["embeds"][0]["description"] == (
        f"<@{BOB.id}> proposes Thu 3 Dec, 18:00 (Europe/Paris)."
    )
    await _press_in_dm(app, asked, "Accept", ALICE)


async def test_another_time_then_accept_confirms_and_both_are_reminded_twice(
    discord_app: Harness, hub: Hub, clock: FakeClock
) -> None:
    await _agree_thursday(discord_app)
    for member in (ALICE, BOB):
        assert len(_titled(discord_app, member, "Your mock interview is confirmed")) == 1
    runner = JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger})
    clock.set(THURSDAY - timedelta(hours=24))
    await runner.tick()
    clock.set(THURSDAY - timedelta(hours=1))
    await runner.tick()
    await JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger}).tick()
    for member in (ALICE, BOB):
        assert len(_titled(discord_app, member, "Mock interview in 24 hours")) == 1
        [last] = _titled(discord_app, member, "Mock interview in 1 hour")
        assert last["components"][0]["components"][0]["label"] == "Interviewer packet"
    [reminded] = _titled(discord_app, ALICE, "Mock interview in 1 hour")
    assert f"<@{BOB.id}> interviews you first." in reminded["embeds"][0]["description"]


async def test_the_pair_gets_a_private_thread_at_its_time_deleted_a_day_later(
    discord_app: Harness, api: FakeDiscord, hub: Hub, clock: FakeClock
) -> None:
    await discord_app.run("mock-admin", "settings", ALICE, space="on")
    await _agree_thursday(discord_app)
    runner = JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger})
    clock.set(THURSDAY)
    await runner.tick()
    [made] = [c for c in api.calls if c.path == f"/channels/{CHANNEL}/threads"]
    assert made.body["type"] == 12 and made.body["invitable"] is False
    [thread] = api.thread_members
    assert sorted(api.thread_members[thread]) == sorted([ALICE.id, BOB.id])
    [welcome] = api.in_channel(thread)
    assert welcome["embeds"][0]["title"] == "Your mock interview space"
    clock.set(THURSDAY + timedelta(days=1))
    await runner.tick()
    assert [c.method for c in api.calls if c.path == f"/channels/{thread}"] == ["DELETE"]


async def test_without_thread_permission_both_meet_by_dm_and_the_admin_is_told(
    discord_app: Harness, api: FakeDiscord, hub: Hub, clock: FakeClock
) -> None:
    await discord_app.run("mock-admin", "settings", ALICE, space="on")
    await _agree_thursday(discord_app)
    api.forbidden.add(CHANNEL)
    clock.set(THURSDAY)
    await JobRunner(hub.engine, clock, {"discord": discord_app.client.messenger}).tick()
    assert len(_titled(discord_app, BOB, "Your mock interview starts now")) == 1
    [told] = _titled(discord_app, ALICE, "Private mock spaces are not working")
    assert "missing permission" in told["embeds"][0]["description"]
