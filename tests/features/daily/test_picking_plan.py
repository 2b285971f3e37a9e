"""The daily question follows the channel's sprint: its plan, its time zone, one post a day."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.core.cards import plain
from bot.features.daily.picking import claim_post
from bot.features.daily.store import DailyStore
from bot.features.daily.tables import DailyPost
from bot.scheduling.delivery import JobRunner
from bot.storage.tables import Question
from bot.storage.uow import transact
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger

BOSS = actor("boss", admin=True)


def _start(hub: Hub, clock: FakeClock, options: str) -> None:
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    reply = hub.command_text(BOSS, "sprint", f"start Spring start:2027-03-15 {options}")
    assert "Spring" in plain(reply.messages[0].card.text)


def _category_of(hub: Hub, title: str) -> str:
    with Session(hub.engine) as session:
        return session.exec(select(Question.category).where(Question.title == title)).one()


async def test_each_scheduled_question_is_of_the_days_planned_focus(
    hub: Hub, clock: FakeClock
) -> None:
    _start(hub, clock, "timezone:UTC time:09:00")
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    for day in (15, 16, 18):  # the plan: Monday coding, Tuesday applied ML, Thursday leadership
        clock.set(datetime(2027, 3, day, 9, 0, tzinfo=UTC))
        await runner.tick()
    titles = [
        plain(m.card.title).removeprefix("Question of the day: ")
        for _, m in messenger.sent
        if plain(m.card.title).startswith("Question of the day")
    ]
    assert [_category_of(hub, title) for title in titles] == ["coding", "applied_ml", "leadership"]


async def test_before_the_post_a_member_sees_the_sprints_day_in_its_time_zone(
    hub: Hub, clock: FakeClock
) -> None:
    _start(hub, clock, "timezone:America/New_York time:07:30")
    messenger = FakeMessenger()
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    clock.set(datetime(2027, 3, 15, 11, 30, tzinfo=UTC))  # Monday 07:30 in New York
    await runner.tick()
    posted = plain(messenger.sent[-1][1].card.title)
    clock.set(datetime(2027, 3, 16, 1, 0, tzinfo=UTC))  # Tuesday in UTC, Monday 21:00 there
    shown = hub.command_text(actor("u1"), "question", "")
    assert plain(shown.messages[0].card.title) == posted  # still Monday's question
    assert "2027-03-15" in plain(shown.messages[0].card.footer)
    with Session(hub.engine) as session:
        assert len(session.exec(select(DailyPost)).all()) == 1  # Tuesday's is not chosen early


def test_two_members_opening_a_new_days_question_at_once_share_one_post(hub: Hub) -> None:
    first_claimed, let_go = threading.Event(), threading.Event()
    found: dict[str, int | None] = {}
    day = datetime(2027, 3, 15, tzinfo=UTC).date()

    def slow(name: str) -> None:
        def work(session: Session) -> None:
            found[name] = claim_post(DailyStore(session, 1), "c1", day).id
            first_claimed.set()
            let_go.wait(5)  # holds its transaction open while the other one tries

        transact(hub.engine, work)

    def quick(name: str) -> None:
        found[name] = transact(hub.engine, lambda s: claim_post(DailyStore(s, 1), "c1", day).id)

    hub.command_text(actor("u1"), "leaderboard", "")  # the community exists
    a = threading.Thread(target=slow, args=("a",))
    a.start()
    assert first_claimed.wait(5)
    b = threading.Thread(target=quick, args=("b",))
    b.start()
    time.sleep(0.3)  # b is now waiting for a's transaction
    let_go.set()
    a.join(10)
    b.join(10)
    assert found["a"] is not None and found["a"] == found["b"]
    with Session(hub.engine) as session:
        assert len(session.exec(select(DailyPost)).all()) == 1
