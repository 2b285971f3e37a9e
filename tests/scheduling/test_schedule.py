"""The daily loop on a schedule: a whole simulated sprint, restarts, double ticks, failures."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.core.cards import Card, Message, Visibility, plain
from bot.features import schedule_of
from bot.features.daily.tables import DailyPost
from bot.scheduling import claims
from bot.scheduling.delivery import JobRunner
from bot.scheduling.tables import JobClaim
from bot.storage.uow import UnitOfWork
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.leaderboard.flow import give

ADMIN = actor("boss", admin=True)
BERLIN_DST = date(2027, 3, 28)


class StampingMessenger(FakeMessenger):
    """Also remembers when (by the fake clock) each message went out."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__("console")
        self.clock = clock
        self.at: list[datetime] = []

    async def post(self, community_id: str, message: Message) -> str:
        ref = await super().post(community_id, message)
        self.at.append(self.clock.now())
        return ref


def _titles(messenger: FakeMessenger) -> list[str]:
    return [plain(m.card.title) for _, m in messenger.sent]


def _runner(
    hub: Hub, clock: FakeClock, messenger: FakeMessenger, catch_up: bool = True
) -> JobRunner:
    return JobRunner(hub.engine, clock, {"console": messenger}, catch_up=catch_up)


def _start_sprint(
    hub: Hub, options: str = "start:2027-03-15 weeks:4 timezone:Europe/Berlin"
) -> None:
    reply = hub.command_text(ADMIN, "sprint", f"start Spring {options}")
    assert reply.messages[0].visibility is Visibility.CHANNEL, plain(reply.messages[0].card.text)


async def test_a_four_week_sprint_across_a_dst_change_posts_everything_exactly_once(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    _start_sprint(hub)
    messenger = StampingMessenger(clock)
    runner = _runner(hub, clock, messenger)
    end = datetime(2027, 4, 13, 12, 0, tzinfo=UTC)
    while clock.now() < end:
        if (clock.now().hour, clock.now().minute) == (12, 0):
            give(hub, "ann", 10)  # someone takes part every day, so every board has something
        await runner.tick()
        clock.advance(minutes=30)

    kinds = Counter(t.split(":")[0] for t in _titles(messenger))
    assert kinds["Question of the day"] == 25  # six days a week, plus a Sunday in week 4
    assert kinds["What a strong answer covers"] == 25
    assert sum(t.startswith("Week of") for t in _titles(messenger)) == 4
    assert kinds["Sprint recap"] == 1
    posts = [
        at
        for at, (_, m) in zip(messenger.at, messenger.sent, strict=True)
        if plain(m.card.title).startswith("Question of the day")
    ]
    local_hours = {
        at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Berlin")).hour for at in posts
    }
    assert local_hours == {9}
    assert {at.hour for at in posts if at.date() < BERLIN_DST} == {8}
    assert {at.hour for at in posts if at.date() > BERLIN_DST} == {7}
    reveals = [m for _, m in messenger.sent if plain(m.card.title).startswith("What a strong")]
    assert all(m.thread_of and m.thread_of.startswith("msg-") for m in reveals)
    with Session(hub.engine) as session:
        dates = [p.local_date for p in session.exec(select(DailyPost))]
    assert len(dates) == len(set(dates)) == 25


async def test_two_processes_ticking_together_post_once(hub: Hub, clock: FakeClock) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    _start_sprint(hub)
    clock.set(datetime(2027, 3, 15, 8, 0, tzinfo=UTC))  # 09:00 in Berlin
    messenger = FakeMessenger()
    first, second = _runner(hub, clock, messenger), _runner(hub, clock, messenger)
    await asyncio.gather(first.tick(), second.tick(), first.tick())
    await second.tick()
    assert _titles(messenger).count(_titles(messenger)[0]) == 1
    assert len(messenger.sent) == 1


async def test_a_process_that_died_after_claiming_is_taken_over_after_its_lease(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    _start_sprint(hub)
    clock.set(datetime(2027, 3, 15, 8, 0, tzinfo=UTC))
    with UnitOfWork(hub.engine) as uow:
        (due,) = claims.find_due(
            uow.session, clock.now(), schedule=schedule_of(), platforms={"console"}
        )
        assert (
            claims.begin(uow.session, clock, due, schedule_of()) is not None
        )  # then the process dies
    messenger = FakeMessenger()
    runner = _runner(hub, clock, messenger)
    await runner.tick()
    assert messenger.sent == []  # the lease still holds
    clock.advance(minutes=11)
    await runner.tick()
    await runner.tick()
    assert len(messenger.sent) == 1


@pytest.mark.parametrize(("catch_up", "expected"), [(True, 1), (False, 0)])
async def test_after_downtime_the_post_goes_out_later_the_same_day_when_catch_up_is_on(
    hub: Hub, clock: FakeClock, catch_up: bool, expected: int
) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    _start_sprint(hub)
    clock.set(datetime(2027, 3, 15, 14, 0, tzinfo=UTC))  # down from 08:00 to 14:00 UTC
    messenger = FakeMessenger()
    await _runner(hub, clock, messenger, catch_up=catch_up).tick()
    assert len(messenger.sent) == expected


async def test_a_post_missed_yesterday_is_not_sent_today(hub: Hub, clock: FakeClock) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    _start_sprint(hub)
    clock.set(datetime(2027, 3, 16, 7, 0, tzinfo=UTC))  # before Tuesday's post time
    messenger = FakeMessenger()
    await _runner(hub, clock, messenger).tick()
    assert messenger.sent == []


async def test_a_deleted_channel_is_reported_to_the_admin_and_nothing_crashes(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    _start_sprint(hub)
    clock.set(datetime(2027, 3, 15, 8, 0, tzinfo=UTC))
    messenger = FakeMessenger()
    messenger.broken.add("c1")
    runner = _runner(hub, clock, messenger)
    await runner.tick()
    await runner.tick()
    ((_, alert),) = messenger.sent
    assert alert.visibility is Visibility.DIRECT and alert.to_member == "boss"
    assert "could not be delivered.\nWhy: channel c1 is gone.\nIf that is about" in plain(
        alert.card.text
    )
    with Session(hub.engine) as session:
        claim = session.exec(select(JobClaim)).one()
    assert claim.outcome.startswith("failed:")
    messenger.broken.clear()
    clock.advance(days=1)
    await runner.tick()
    assert _titles(messenger)[-1].startswith("Question of the day")


async def test_a_paused_sprint_posts_nothing_until_resumed(hub: Hub, clock: FakeClock) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    _start_sprint(hub)
    hub.command_text(ADMIN, "sprint", "pause")
    clock.set(datetime(2027, 3, 15, 8, 0, tzinfo=UTC))
    messenger = FakeMessenger()
    runner = _runner(hub, clock, messenger)
    await runner.tick()
    assert messenger.sent == []
    hub.command_text(ADMIN, "sprint", "resume")
    await runner.tick()
    assert len(messenger.sent) == 1


async def test_the_daily_post_follows_the_weekly_theme(hub: Hub, clock: FakeClock) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    _start_sprint(hub)
    clock.set(datetime(2027, 3, 16, 8, 0, tzinfo=UTC))  # Tuesday of week 1: applied ML
    messenger = FakeMessenger()
    await _runner(hub, clock, messenger).tick()
    fields = {plain(f.name): plain(f.value) for f in messenger.sent[0][1].card.fields}
    assert fields["Track"].startswith("Applied ML")


async def test_an_admin_post_now_is_not_posted_again_by_the_schedule(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    _start_sprint(hub)
    clock.set(datetime(2027, 3, 15, 6, 0, tzinfo=UTC))
    posted = hub.command_text(ADMIN, "question", "post-now")
    hub.track(ADMIN, posted.messages[0].track or "", "m-1")
    clock.set(datetime(2027, 3, 15, 8, 0, tzinfo=UTC))
    messenger = FakeMessenger()
    await _runner(hub, clock, messenger).tick()
    assert messenger.sent == []


async def test_members_opted_into_practice_get_one_dm_a_day_at_their_time(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2027, 3, 15, 5, 0, tzinfo=UTC))
    member = actor("u1")
    reply = hub.command_text(member, "practice", "daily at:07:30 timezone:Europe/Berlin")
    assert "every day at 07:30 (Europe/Berlin)" in plain(reply.messages[0].card.text)
    messenger = FakeMessenger()
    runner = _runner(hub, clock, messenger)
    await runner.tick()
    assert messenger.sent == []
    clock.set(datetime(2027, 3, 15, 6, 30, tzinfo=UTC))
    await runner.tick()
    await runner.tick()
    ((_, dm),) = messenger.sent
    assert dm.visibility is Visibility.DIRECT and dm.to_member == "u1"
    assert plain(dm.card.title).startswith("Practice:")
    hub.command_text(member, "practice", "stop")
    clock.advance(days=1)
    await runner.tick()
    assert len(messenger.sent) == 1


def test_the_claim_window_covers_yesterdays_reveal() -> None:
    assert timedelta(days=2) < claims.CLAIM_WINDOW


async def test_one_failed_message_does_not_stop_the_others_of_the_same_work(
    hub: Hub, clock: FakeClock
) -> None:
    messenger = FakeMessenger()
    messenger.broken.add("gone")
    runner = _runner(hub, clock, messenger)
    due = claims.Due(1, "console", "g1", "c1", "test", "k")
    cards = [
        Message(Card(title=t), Visibility.CHANNEL, channel=c)
        for t, c in (("first", "c1"), ("lost", "gone"), ("third", "c1"))
    ]
    refs, error = await runner._deliver(due, cards)
    assert _titles(messenger) == ["first", "third"]
    assert (len(refs), error) == (2, "channel gone is gone")
