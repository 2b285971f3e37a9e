"""A pause holds a sprint's plan: resuming continues from the day it stopped, the end moves."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.core.cards import plain
from bot.features.daily.tables import DailyPost
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.leaderboard.flow import answer
from tests.replies import reply_text

ADMIN = actor("boss", admin=True)
MONDAY = datetime(2026, 12, 7, 12, tzinfo=UTC)  # the sprint's first day, after its 09:00 post


def _sprint(hub: Hub, clock: FakeClock, weeks: int = 4) -> None:
    clock.set(datetime(2026, 12, 6, 12, tzinfo=UTC))
    hub.command_text(ADMIN, "sprint", f"start Prep start:2026-12-07 weeks:{weeks}")


def _paused_two_days(hub: Hub, clock: FakeClock) -> str:
    """Hold back Wednesday and Thursday: pause after Tuesday's post, resume before Friday's."""
    clock.set(datetime(2026, 12, 8, 12, tzinfo=UTC))
    hub.command_text(ADMIN, "sprint", "pause")
    clock.set(datetime(2026, 12, 11, 8, tzinfo=UTC))
    return reply_text(hub.command_text(ADMIN, "sprint", "resume"))


def _plan_line(hub: Hub, day: str) -> str:
    plan = reply_text(hub.command_text(ADMIN, "sprint", "plan"))
    return next(line for line in plan.splitlines() if line.startswith(f"`{day}"))


def test_pausing_says_from_which_day_and_that_the_plan_waits(hub: Hub, clock: FakeClock) -> None:
    _sprint(hub, clock)
    clock.set(datetime(2026, 12, 8, 12, tzinfo=UTC))
    paused = reply_text(hub.command_text(ADMIN, "sprint", "pause")).strip()
    assert paused.startswith("Paused from Wed 9 Dec: nothing posts until `/sprint resume`.")
    assert "resuming continues from the day it stopped" in paused


def test_status_while_paused_says_since_when(hub: Hub, clock: FakeClock) -> None:
    _sprint(hub, clock)
    clock.set(datetime(2026, 12, 8, 7, tzinfo=UTC))  # before Tuesday's post: Tuesday is held
    hub.command_text(ADMIN, "sprint", "pause")
    clock.set(datetime(2026, 12, 10, 12, tzinfo=UTC))
    status = reply_text(hub.command_text(ADMIN, "sprint", "status"))
    assert "Status: paused since Tue 8 Dec · week 1 of 4" in status
    assert "Ends: Sun 3 Jan, and one day later for each day of this pause" in status


def test_status_on_the_day_of_resuming_says_which_week_it_is(hub: Hub, clock: FakeClock) -> None:
    _sprint(hub, clock, weeks=1)
    clock.set(datetime(2026, 12, 7, 12, tzinfo=UTC))  # after Monday's post: Tuesday is held
    hub.command_text(ADMIN, "sprint", "pause")
    clock.set(datetime(2026, 12, 9, 12, tzinfo=UTC))  # resumed after Wednesday's post time
    hub.command_text(ADMIN, "sprint", "resume")
    status = reply_text(hub.command_text(ADMIN, "sprint", "status"))
    assert "Status: active · week 1 of 1" in status
    assert "Ends: Tue 15 Dec (moved 2 days by the pause)" in status


def test_resuming_continues_the_plan_from_the_day_it_stopped(hub: Hub, clock: FakeClock) -> None:
    _sprint(hub, clock)
    clock.set(MONDAY)
    wednesday = _plan_line(hub, "2026-12-09").split("` ", 1)[1]
    _paused_two_days(hub, clock)
    assert _plan_line(hub, "2026-12-11 fri") == f"`2026-12-11 fri` {wednesday}"


def test_resuming_says_when_the_next_question_posts_and_the_new_end(
    hub: Hub, clock: FakeClock
) -> None:
    _sprint(hub, clock)
    resumed = _paused_two_days(hub, clock).strip()
    assert resumed == (
        "Resumed: the plan continues from the day it stopped. The next question posts "
        "Fri 11 Dec at 09:00 UTC; the sprint ends Tue 5 Jan (moved 2 days by the pause)."
    )


def test_status_after_a_pause_says_how_far_the_end_moved(hub: Hub, clock: FakeClock) -> None:
    _sprint(hub, clock)
    _paused_two_days(hub, clock)
    status = reply_text(hub.command_text(ADMIN, "sprint", "status"))
    assert "Ends: Tue 5 Jan (moved 2 days by the pause)" in status


def test_a_pause_and_resume_before_the_post_holds_back_nothing(hub: Hub, clock: FakeClock) -> None:
    _sprint(hub, clock)
    clock.set(datetime(2026, 12, 8, 7, tzinfo=UTC))
    hub.command_text(ADMIN, "sprint", "pause")
    clock.set(datetime(2026, 12, 8, 8, tzinfo=UTC))
    hub.command_text(ADMIN, "sprint", "resume")
    assert "Ends: Sun 3 Jan\n" in reply_text(hub.command_text(ADMIN, "sprint", "status")) + "\n"


async def test_a_paused_week_posts_every_planned_day_and_the_recap_later(
    hub: Hub, clock: FakeClock
) -> None:
    _sprint(hub, clock, weeks=1)
    messenger = FakeMessenger("console")
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    clock.set(datetime(2026, 12, 7, 0, tzinfo=UTC))
    answered_at = datetime(2026, 12, 7, 12, tzinfo=UTC)
    paused_at, resumed_at = (
        datetime(2026, 12, 8, 12, tzinfo=UTC),
        datetime(2026, 12, 11, 8, tzinfo=UTC),
    )
    while clock.now() < datetime(2026, 12, 20, tzinfo=UTC):
        if clock.now() == paused_at:
            hub.command_text(ADMIN, "sprint", "pause")
        if clock.now() == resumed_at:
            hub.command_text(ADMIN, "sprint", "resume")
        await runner.tick()
        if clock.now() == answered_at:
            answer(hub, "u1")  # someone took part, so the sprint has a recap to post
        clock.advance(hours=1)
    titles = [plain(m.card.title) for _, m in messenger.sent]
    with Session(hub.engine) as session:
        days = sorted(p.local_date.isoformat() for p in session.exec(select(DailyPost)))
    assert "2026-12-09" not in days and "2026-12-10" not in days
    assert len(days) == 6  # the week's six planned days, none lost to the pause
    assert sum(t.startswith("Sprint recap") for t in titles) == 1


async def test_the_answer_to_the_last_question_before_a_pause_is_still_revealed(
    hub: Hub, clock: FakeClock
) -> None:
    _sprint(hub, clock)
    messenger = FakeMessenger("console")
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    clock.set(datetime(2026, 12, 8, 9, tzinfo=UTC))
    await runner.tick()
    [posted] = [plain(m.card.title) for _, m in messenger.sent]
    hub.command_text(ADMIN, "sprint", "pause")
    clock.set(datetime(2026, 12, 9, 8, tzinfo=UTC))
    await runner.tick()
    revealed = plain(messenger.sent[-1][1].card.title)
    assert revealed == posted.replace("Question of the day", "What a strong answer covers")


@pytest.mark.parametrize(
    ("resumed_at", "said"),
    [
        (datetime(2026, 12, 11, 9, 10, tzinfo=UTC), "posts Fri 11 Dec at 09:00 UTC"),
        (datetime(2026, 12, 11, 9, 20, tzinfo=UTC), "posts Sat 12 Dec at 09:00 UTC"),
    ],
)
def test_resuming_just_after_the_post_time_still_posts_today(
    hub: Hub, clock: FakeClock, resumed_at: datetime, said: str
) -> None:
    _sprint(hub, clock)
    clock.set(datetime(2026, 12, 8, 12, tzinfo=UTC))
    hub.command_text(ADMIN, "sprint", "pause")
    clock.set(resumed_at)
    assert said in reply_text(hub.command_text(ADMIN, "sprint", "resume"))
