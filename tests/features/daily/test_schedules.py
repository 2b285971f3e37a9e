"""Admins give a channel a standing schedule; the question of the day then posts on its own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app.hub import ADMIN_ONLY, Hub
from bot.core.cards import Message, Visibility, plain
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.replies import reply_text

BOSS = actor("boss", admin=True)
QOTD = "Question of the day: "


def _set(hub: Hub, options: str, channel: str = "c1") -> str:
    reply = hub.command_text(actor("boss", admin=True, channel=channel), "question", options)
    return reply_text(reply)


def _questions(messenger: FakeMessenger) -> list[str]:
    return [
        plain(m.card.title).removeprefix(QOTD)
        for _, m in messenger.sent
        if plain(m.card.title).startswith(QOTD) and not m.thread_of
    ]


async def _tick_at(runner: JobRunner, clock: FakeClock, *moment: int) -> int:
    clock.set(datetime(*moment, tzinfo=UTC))  # type: ignore[misc]
    return await runner.tick()


def test_an_admin_schedules_the_channel_and_sees_the_next_post_in_its_zone(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 4, 12, 0, tzinfo=UTC))  # a Friday
    text = _set(hub, "schedule time:09:00 timezone:Europe/Berlin days:mon-fri track:coding")
    assert "Question of the day: scheduled here" in text
    assert "Posts: 09:00 Europe/Berlin, Mon–Fri" in text
    assert "Track: Coding only (`coding`)" in text
    assert "Next post: Mon 7 Dec, 09:00 (Europe/Berlin)" in text
    shown = _set(hub, "schedule")
    assert "Question of the day in this channel" in shown
    assert "Next post: Mon 7 Dec, 09:00 (Europe/Berlin)" in shown


def test_the_schedule_is_announced_in_the_channel_and_shown_privately(hub: Hub) -> None:
    made = hub.command_text(BOSS, "question", "schedule time:08:30")
    assert made.messages[0].visibility is Visibility.CHANNEL
    shown = hub.command_text(BOSS, "question", "schedule")
    assert shown.messages[0].visibility is Visibility.EPHEMERAL


@pytest.mark.parametrize("off", ["schedule time:off", "schedule off"])
def test_an_admin_switches_the_schedule_off(hub: Hub, off: str) -> None:
    _set(hub, "schedule time:09:00")
    assert "schedule stopped" in _set(hub, off)
    assert "This channel has no standing schedule" in _set(hub, "schedule")
    assert "nothing to stop" in _set(hub, off)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("time:25:00", "`time` takes a time like 09:00, or `off`"),
        ("time:9", "`time` takes a time like 09:00"),
        ("time:09:00 days:funday", "I don't know the day “funday”. Give days like mon-fri"),
        ("time:09:00 track:astrology", "There is no track “astrology”. Tracks: `mle-mixed`"),
        ("time:09:00 weekly_board:someday", "`weekly_board` takes a day like mon, or `off`"),
        ("time:09:00 timezone:Mars/Base", "I don't know the time zone “Mars/Base”"),
    ],
)
def test_bad_schedule_options_get_clear_messages(hub: Hub, options: str, message: str) -> None:
    assert message in _set(hub, f"schedule {options}")
    assert "no standing schedule" in _set(hub, "schedule")  # nothing was saved


@pytest.mark.parametrize(
    ("days", "shown"),
    [("every", "every day"), ("sat-sun", "Sat, Sun"), ("mon,wed,fri", "Mon, Wed, Fri")],
)
def test_days_are_read_the_way_admins_type_them(hub: Hub, days: str, shown: str) -> None:
    assert f"09:00 UTC, {shown}" in _set(hub, f"schedule time:09:00 timezone:UTC days:{days}")


@pytest.mark.parametrize("command", ["schedule time:09:00", "schedule", "next"])
def test_members_cannot_schedule_or_preview(hub: Hub, command: str) -> None:
    assert reply_text(hub.command_text(actor("u1"), "question", command)).strip() == ADMIN_ONLY


def test_changing_one_option_keeps_the_others(hub: Hub) -> None:
    _set(hub, "schedule time:07:15 timezone:Asia/Tokyo days:mon-fri track:lp")
    text = _set(hub, "schedule track:coding")
    assert "07:15 Asia/Tokyo, Mon–Fri" in text and "Coding only" in text
    assert "schedule changed" in text


async def test_the_schedule_posts_at_the_same_local_time_across_a_dst_change(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2027, 3, 26, 12, 0, tzinfo=UTC))
    _set(hub, "schedule time:09:00 timezone:Europe/Berlin")
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    await _tick_at(runner, clock, 2027, 3, 27, 7, 59)  # 08:59 in Berlin (CET)
    assert _questions(messenger) == []
    await _tick_at(runner, clock, 2027, 3, 27, 8, 0)  # Saturday 09:00 CET
    assert len(_questions(messenger)) == 1
    shown = _set(hub, "schedule")
    assert "Next post: Sun 28 Mar, 09:00 (Europe/Berlin)" in shown
    await _tick_at(runner, clock, 2027, 3, 28, 6, 59)  # 08:59 CEST: not yet
    assert len(_questions(messenger)) == 1
    await _tick_at(runner, clock, 2027, 3, 28, 7, 0)  # Sunday 09:00 CEST, an hour earlier in UTC
    assert len(_questions(messenger)) == 2
    await _tick_at(runner, clock, 2027, 3, 28, 8, 0)
    assert len(_questions(messenger)) == 2  # once a day


async def test_a_spent_track_starts_over_once_and_tells_the_channel(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 6, 12, 0, tzinfo=UTC))
    _set(hub, "schedule time:09:00 timezone:UTC track:ml")  # three questions in the test bank
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    for day in range(7, 12):
        await _tick_at(runner, clock, 2026, 12, day, 9, 0)
    asked = _questions(messenger)
    assert len(set(asked[:3])) == 3  # every question of the track once
    assert asked[3:] == asked[:2]  # then again, the one asked longest ago first
    notices = [m for _, m in messenger.sent if "been through every question" in plain(m.card.title)]
    assert len(notices) == 1
    assert "none within 30 days while others remain" in plain(notices[0].card.text)


async def test_two_channels_follow_their_own_tracks(hub: Hub, clock: FakeClock) -> None:
    clock.set(datetime(2026, 12, 6, 12, 0, tzinfo=UTC))
    _set(hub, "schedule time:09:00 timezone:UTC track:coding", channel="coding")
    _set(hub, "schedule time:10:00 timezone:UTC track:lp", channel="lp")
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    await _tick_at(runner, clock, 2026, 12, 7, 9, 0)
    await _tick_at(runner, clock, 2026, 12, 7, 10, 0)
    posted = {m.channel: plain(m.card.title) for _, m in messenger.sent}
    assert posted == {"coding": QOTD + "Two Sum", "lp": QOTD + "Beyond your role"}
    member = hub.command_text(actor("u1", channel="lp"), "question", "")
    assert plain(member.messages[0].card.title) == QOTD + "Beyond your role"


async def test_the_answer_is_revealed_in_the_thread_before_the_next_post(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 6, 12, 0, tzinfo=UTC))
    _set(hub, "schedule time:09:00 timezone:UTC days:mon-fri")
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    await _tick_at(runner, clock, 2026, 12, 11, 9, 0)  # Friday's question
    assert await _tick_at(runner, clock, 2026, 12, 14, 7, 59) == 0  # Monday, before the lead
    await _tick_at(runner, clock, 2026, 12, 14, 8, 0)
    reveal: Message = messenger.sent[-1][1]
    assert "What a strong answer covers" in plain(reveal.card.title)
    assert reveal.thread_of == "msg-1"


async def test_a_live_sprint_holds_the_channel_and_the_schedule_says_so(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 6, 12, 0, tzinfo=UTC))
    _set(hub, "schedule time:07:00 timezone:UTC")
    hub.command_text(BOSS, "sprint", "start Winter start:2026-12-07 weeks:1 timezone:UTC")
    assert "held by the sprint “Winter”" in _set(hub, "schedule")
    assert "resumes after it ends" in _set(hub, "schedule")
    status = reply_text(hub.command_text(BOSS, "sprint", "status"))
    assert "standing schedule (07:00 UTC, every day, track `mle-mixed`) waits" in status
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    await _tick_at(runner, clock, 2026, 12, 7, 7, 0)
    assert _questions(messenger) == []  # the sprint's own post time, 09:00, comes later
    await _tick_at(runner, clock, 2026, 12, 7, 9, 0)
    assert len(_questions(messenger)) == 1
    hub.command_text(BOSS, "sprint", "end")
    await _tick_at(runner, clock, 2026, 12, 8, 7, 0)
    assert len(_questions(messenger)) == 2  # the schedule resumed


async def test_the_schedules_last_answer_is_revealed_when_a_sprint_takes_over(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 6, 12, 0, tzinfo=UTC))
    _set(hub, "schedule time:07:00 timezone:UTC")
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    await _tick_at(runner, clock, 2026, 12, 7, 7, 0)  # the schedule's Monday question
    hub.command_text(BOSS, "sprint", "start Winter start:2026-12-08 weeks:1 timezone:UTC")
    await _tick_at(runner, clock, 2026, 12, 8, 6, 0)
    reveal = messenger.sent[-1][1]
    assert "What a strong answer covers" in plain(reveal.card.title)
    assert reveal.thread_of == "msg-1"
    await _tick_at(runner, clock, 2026, 12, 8, 7, 0)
    assert len(_questions(messenger)) == 1  # the sprint posts later, at 09:00


async def test_next_previews_privately_and_skip_swaps_what_will_post(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 6, 12, 0, tzinfo=UTC))
    _set(hub, "schedule time:09:00 timezone:UTC track:ml")
    preview = hub.command_text(BOSS, "question", "next")
    assert preview.messages[0].visibility is Visibility.EPHEMERAL
    first = plain(preview.messages[0].card.title).removeprefix("Next question: ")
    assert "Posts: Mon 7 Dec, 09:00 (UTC)" in reply_text(preview)
    skip = preview.messages[0].card.buttons[0]
    assert skip.label == "Skip"
    refused = hub.press(actor("u1"), skip.action, skip.value)
    assert "Only community admins" in reply_text(refused)
    swapped = hub.press(BOSS, skip.action, skip.value)
    second = plain(swapped.messages[0].card.title).removeprefix("Swapped. Next question: ")
    assert second != first
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    await _tick_at(runner, clock, 2026, 12, 7, 9, 0)
    assert _questions(messenger) == [second]


def test_next_without_a_schedule_says_how_to_set_one(hub: Hub) -> None:
    assert "Start one with `/question schedule time:09:00" in _set(hub, "next")
