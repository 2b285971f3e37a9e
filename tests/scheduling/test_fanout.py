"""The daily fan-out: many communities due in the same minute, claimed and recorded in batches."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.bank.live import forget_question_pool
from bot.core.cards import Message, plain
from bot.features.daily import scheduled as daily_scheduled
from bot.features.daily.tables import DailyPost
from bot.scheduling import claims, delivery
from bot.scheduling.delivery import BATCH, JobRunner, Pace
from bot.scheduling.tables import JobClaim
from bot.storage.tables import Community
from bot.storage.uow import transact
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.mock.flow import add_question

COMMUNITIES = 2 * BATCH + 30  # more than two batches
NINE_IN_BERLIN = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)


def _sprints(
    hub: Hub, clock: FakeClock, communities: int, channels: tuple[str, ...] = ("c1",)
) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    for n in range(communities):
        for channel in channels:
            admin = actor("boss", admin=True, community=f"g{n}", channel=channel)
            reply = hub.command_text(
                admin, "sprint", "start Spring start:2027-03-15 timezone:Europe/Berlin"
            )
            assert "Spring" in plain(reply.messages[0].card.text), plain(
                reply.messages[0].card.text
            )
    clock.set(NINE_IN_BERLIN)


def _posted_to(messenger: FakeMessenger) -> list[str]:
    return [
        community
        for community, message in messenger.sent
        if plain(message.card.title).startswith("Question of the day")
    ]


async def test_every_community_due_in_one_minute_gets_one_post_and_each_is_recorded(
    hub: Hub, clock: FakeClock
) -> None:
    _sprints(hub, clock, COMMUNITIES)
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    assert await runner.tick() == COMMUNITIES
    assert await runner.tick() == 0
    posted = _posted_to(messenger)
    assert sorted(posted) == sorted(f"g{n}" for n in range(COMMUNITIES))
    with Session(hub.engine) as session:
        claims = session.exec(select(JobClaim).where(JobClaim.kind == "daily")).all()
        posts = session.exec(select(DailyPost)).all()
    assert len(claims) == COMMUNITIES
    assert {c.outcome for c in claims} == {"ok (1 sent)"}
    assert all(c.done_at is not None for c in claims)
    # Each post knows its platform message, so tomorrow's reveal can go under it.
    refs = {p.message_ref for p in posts}
    assert len(refs) == COMMUNITIES and None not in refs


async def test_two_channels_of_one_community_get_different_questions_the_same_day(
    hub: Hub, clock: FakeClock
) -> None:
    _sprints(hub, clock, 1, channels=("c1", "c2"))
    # The day's focus is coding, and the small test bank has one coding question: add a second,
    # since a day's question never leaves its category.
    add_question(hub, "coding-two", ["online_assessment"], ["mle1"], category="coding")
    forget_question_pool()
    messenger = FakeMessenger()
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    titles = [plain(m.card.title) for _, m in messenger.sent]
    assert len(titles) == 2 and titles[0] != titles[1]
    assert {m.channel for _, m in messenger.sent} == {"c1", "c2"}


async def test_one_post_that_cannot_be_built_does_not_stop_the_others_and_is_retried(
    hub: Hub, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _sprints(hub, clock, 5)
    with Session(hub.engine) as session:
        broken = session.exec(select(Community).where(Community.external_id == "g3")).one().id
    real_card = daily_scheduled.question_card

    def card_or_crash(question: object, post: DailyPost) -> object:
        if post.community_id == broken:
            raise RuntimeError("a bug in one card")
        return real_card(question, post)  # type: ignore[arg-type]

    monkeypatch.setattr(daily_scheduled, "question_card", card_or_crash)
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    await runner.tick()
    assert sorted(_posted_to(messenger)) == ["g0", "g1", "g2", "g4"]
    assert "a bug in one card" in caplog.text
    monkeypatch.setattr(daily_scheduled, "question_card", real_card)  # the fix is deployed
    await runner.tick()
    assert _posted_to(messenger).count("g3") == 0  # its claim is leased for a while yet
    clock.advance(minutes=11)
    await runner.tick()
    await runner.tick()
    assert sorted(_posted_to(messenger)) == ["g0", "g1", "g2", "g3", "g4"]


async def test_a_process_delivers_only_the_communities_it_owns(hub: Hub, clock: FakeClock) -> None:
    _sprints(hub, clock, 4)
    mine, theirs = FakeMessenger(), FakeMessenger()
    even = JobRunner(
        hub.engine, clock, {"console": mine}, owns={"console": lambda ref: int(ref[1:]) % 2 == 0}
    )
    odd = JobRunner(
        hub.engine, clock, {"console": theirs}, owns={"console": lambda ref: int(ref[1:]) % 2 == 1}
    )
    assert await even.tick() == 2
    assert sorted(_posted_to(mine)) == ["g0", "g2"]
    assert await odd.tick() == 2
    assert sorted(_posted_to(theirs)) == ["g1", "g3"]


class LosingRunner(JobRunner):
    """A process whose claim transaction loses its race (every retry) the first `times` times
    it holds community g0's work, as a claim can on PostgreSQL with other processes busy."""

    def __init__(self, hub: Hub, clock: FakeClock, messenger: FakeMessenger, times: int) -> None:
        super().__init__(hub.engine, clock, {"console": messenger})
        self.times = times
        self.tries: list[int] = []

    def _claim(self, batch: list[claims.Due]) -> list[claims.Work]:
        self.tries.append(len(batch))
        if self.times and any(due.community_ref == "g0" for due in batch):
            self.times -= 1
            raise OperationalError("INSERT INTO job_claim", {}, Exception("could not serialize"))
        return super()._claim(batch)


async def test_work_whose_claim_lost_its_race_goes_out_in_the_same_tick_in_smaller_batches(
    hub: Hub, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "BATCH", 4)
    _sprints(hub, clock, 10)
    messenger = FakeMessenger()
    runner = LosingRunner(hub, clock, messenger, times=1)
    assert await runner.tick() == 10
    assert sorted(_posted_to(messenger)) == sorted(f"g{n}" for n in range(10))
    assert runner.tries == [4, 4, 2, 2, 2]  # the lost batch, tried again at the end, in halves
    assert await runner.tick() == 0


async def test_work_that_loses_again_waits_for_the_next_tick_and_is_posted_once(
    hub: Hub, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "BATCH", 4)
    _sprints(hub, clock, 10)
    messenger = FakeMessenger()
    runner = LosingRunner(hub, clock, messenger, times=2)
    # g0's batch of 4 loses, then its half with g0 loses again: the other half goes out now.
    assert await runner.tick() == 8
    assert "g0" not in _posted_to(messenger)
    clock.advance(minutes=1)
    assert await runner.tick() == 2  # the next minute
    assert sorted(_posted_to(messenger)) == sorted(f"g{n}" for n in range(10))


class SecondProcess(JobRunner):
    """A process ticking just after another one, which has claimed the first batch already."""

    def __init__(self, hub: Hub, clock: FakeClock, messenger: FakeMessenger) -> None:
        super().__init__(hub.engine, clock, {"console": messenger})
        self.firsts: list[str] = []  # the first community of each batch it tries to claim

    def _claim(self, batch: list[claims.Due]) -> list[claims.Work]:
        self.firsts.append(batch[0].community_ref)
        if len(self.firsts) == 1:  # the other process is there first
            transact(self.engine, lambda session: claims.claim_many(session, batch, NINE_IN_BERLIN))
        return super()._claim(batch)


async def test_a_process_that_meets_another_goes_on_from_the_middle_of_what_is_left(
    hub: Hub, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "BATCH", 2)
    _sprints(hub, clock, 10)
    messenger = FakeMessenger()
    runner = SecondProcess(hub, clock, messenger)
    assert await runner.tick() == 8  # all but the two the other process claimed
    # g0-g1 was taken: it jumps to g6, leaving g2-g5 to the other one, and checks them last.
    assert runner.firsts == ["g0", "g6", "g8", "g2", "g4"]
    assert sorted(_posted_to(messenger)) == sorted(f"g{n}" for n in range(2, 10))
    assert await runner.tick() == 0


class TimingMessenger(FakeMessenger):
    """Remembers the moment (real time) each request started."""

    def __init__(self) -> None:
        super().__init__("console")
        self.starts: list[float] = []

    async def post(self, community_id: str, message: Message) -> str:
        self.starts.append(time.monotonic())
        return await super().post(community_id, message)


async def test_posts_never_exceed_the_platforms_requests_per_second(
    hub: Hub, clock: FakeClock
) -> None:
    _sprints(hub, clock, 25)
    messenger = TimingMessenger()
    runner = JobRunner(
        hub.engine, clock, {"console": messenger}, paces={"console": Pace(per_second=10)}
    )
    assert await runner.tick() == 25
    starts = sorted(messenger.starts)
    busiest = max(sum(1 for t in starts if first <= t < first + 1.0) for first in starts)
    assert busiest == 10  # as many as allowed, never more
    assert starts[-1] - starts[0] >= 2.0  # 25 posts at 10 a second need two waits


class CrashingMessenger(FakeMessenger):
    """A platform client with a bug: it raises what no messenger should."""

    async def post(self, community_id: str, message: Message) -> str:
        if community_id == "g1" and plain(message.card.title).startswith("Question of the day"):
            raise RuntimeError("a bug in the client")
        return await super().post(community_id, message)


async def test_a_messenger_that_crashes_on_one_post_is_recorded_and_the_admin_told(
    hub: Hub, clock: FakeClock
) -> None:
    _sprints(hub, clock, 3)
    messenger = CrashingMessenger()
    assert await JobRunner(hub.engine, clock, {"console": messenger}).tick() == 3
    assert sorted(_posted_to(messenger)) == ["g0", "g2"]
    alerts = [(c, m) for c, m in messenger.sent if plain(m.card.title) == "PrepLoop could not post"]
    assert [(c, m.to_member) for c, m in alerts] == [("g1", "boss")]
    assert "an unexpected error (RuntimeError)" in plain(alerts[0][1].card.text)
    with Session(hub.engine) as session:
        outcomes = sorted(c.outcome for c in session.exec(select(JobClaim)))
    assert outcomes == ["failed: an unexpected error (RuntimeError)", "ok (1 sent)", "ok (1 sent)"]


class GatedMessenger(FakeMessenger):
    """Holds every post until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()
        self.posting = asyncio.Event()

    async def post(self, community_id: str, message: Message) -> str:
        self.posting.set()
        await self.gate.wait()
        return await super().post(community_id, message)


async def test_stopping_delivers_and_records_what_was_claimed_and_claims_nothing_more(
    hub: Hub, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "BACKLOG", BATCH)  # two batches claimed, then it waits for posts
    _sprints(hub, clock, COMMUNITIES)
    messenger = GatedMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    ticking = asyncio.create_task(runner.tick())
    await asyncio.wait_for(messenger.posting.wait(), timeout=30)  # claimed and on its way
    stopping = asyncio.create_task(runner.stop(within=30))
    await asyncio.sleep(0.05)
    assert not stopping.done()  # it waits for the posts in flight
    messenger.gate.set()
    await asyncio.wait_for(stopping, timeout=30)
    assert ticking.done()
    delivered = ticking.result()
    assert BATCH <= delivered < COMMUNITIES  # what was claimed, not every community
    assert len(_posted_to(messenger)) == delivered
    with Session(hub.engine) as session:
        claims = session.exec(select(JobClaim).where(JobClaim.kind == "daily")).all()
    assert len(claims) == delivered and all(c.done_at is not None for c in claims)
    assert await runner.tick() == 0  # a stopped runner claims nothing
    # The process that starts next (or another one) posts the rest, once each.
    after = FakeMessenger()
    assert await JobRunner(hub.engine, clock, {"console": after}).tick() == COMMUNITIES - delivered
    assert sorted(_posted_to(messenger) + _posted_to(after)) == sorted(
        f"g{n}" for n in range(COMMUNITIES)
    )
