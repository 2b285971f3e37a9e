"""Starting, pausing and resuming a sprint, run on an in-memory store (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.app.registry import NoOptions, UserError
from bot.core.calendar import day_label
from bot.core.cards import Reply, Visibility, plain
from bot.features.sprints.handlers import StartOptions, sprint_pause, sprint_resume, start_sprint
from bot.features.sprints.store import SprintStore
from tests.fakes import FakeClock, FakeUnitOfWork
from tests.features.sprints.fakes import FakeSprintStore
from tests.replies import reply_text

MORNING = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # before the 09:00 post


def _community(now: datetime = MORNING) -> tuple[FakeUnitOfWork, FakeSprintStore]:
    store = FakeSprintStore()
    return FakeUnitOfWork((SprintStore, store), clock=FakeClock(now)), store


def _said(reply: Reply) -> str:
    """What a note tells the admin."""
    return reply_text(reply).strip()


def _refusal(uow: FakeUnitOfWork, options: StartOptions, channel: str = "c1") -> str:
    with pytest.raises(UserError) as refused:
        start_sprint(uow.ctx("boss", admin=True, channel=channel), options)
    return plain(refused.value.text)


def test_a_start_in_the_past_is_refused_with_todays_date_in_the_sprints_zone() -> None:
    uow, store = _community(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))  # 2 Dec in Auckland
    options = StartOptions(name="Prep", start=date(2026, 12, 1), timezone="Pacific/Auckland")
    assert _refusal(uow, options) == (
        "The start date 2026-12-01 is in the past; today is 2026-12-02 in Pacific/Auckland."
    )
    assert store.sprints == []


def test_a_start_more_than_a_year_away_is_refused_and_the_last_day_allowed_works() -> None:
    uow, store = _community()
    too_far = StartOptions(name="Prep", start=date(2027, 12, 2))
    assert _refusal(uow, too_far) == (
        "The start date 2027-12-02 is more than a year away; pick a day before 2027-12-02."
    )
    start_sprint(uow.ctx("boss", admin=True), StartOptions(name="Prep", start=date(2027, 12, 1)))
    assert [s.start_date for s in store.sprints] == [date(2027, 12, 1)]


def test_a_channel_holds_one_live_sprint_and_another_channel_may_start_its_own() -> None:
    uow, store = _community()
    start_sprint(uow.ctx("boss", admin=True), StartOptions(name="Winter"))
    assert _refusal(uow, StartOptions(name="Spring")) == (
        "This channel already has a sprint, **Winter**. "
        "End it with `/sprint end` before starting another."
    )
    start_sprint(uow.ctx("boss", admin=True, channel="c2"), StartOptions(name="Spring"))
    assert [(s.name, s.channel_id) for s in store.sprints] == [("Winter", "c1"), ("Spring", "c2")]


def test_a_started_sprint_is_announced_in_the_channel_with_its_defaults() -> None:
    uow, store = _community()
    reply = start_sprint(uow.ctx("boss", admin=True), StartOptions(name="Winter"))
    (sprint,) = store.sprints
    assert (sprint.start_date, sprint.weeks, sprint.post_time, sprint.timezone) == (
        date(2026, 12, 2),  # tomorrow
        4,  # the mle-4-week template's length
        "09:00",
        "UTC",
    )
    assert sprint.created_by == "boss"
    assert reply.messages[0].visibility is Visibility.CHANNEL
    text = reply_text(reply)
    assert "A new prep sprint starts" in text
    assert "**Winter** runs 2026-12-02 to 2026-12-29 (4 weeks)." in text
    assert "The question posts here at 09:00 UTC;" in text


def test_pausing_says_from_which_day_and_a_second_pause_says_it_already_is() -> None:
    uow, store = _community()
    start_sprint(uow.ctx("boss", admin=True), StartOptions(name="Winter", start=date(2026, 12, 1)))
    paused = _said(sprint_pause(uow.ctx("boss", admin=True), NoOptions()))
    assert paused.startswith(
        f"Paused from {day_label(date(2026, 12, 1))}: nothing posts until `/sprint resume`."
    )
    assert "Points so far are kept." in paused
    assert store.sprints[0].status == "paused"
    again = _said(sprint_pause(uow.ctx("boss", admin=True), NoOptions()))
    assert again == "The sprint is already paused. `/sprint resume` restarts it."


def test_resuming_names_the_next_post_and_the_moved_end() -> None:
    uow, store = _community()
    start_sprint(uow.ctx("boss", admin=True), StartOptions(name="Winter", start=date(2026, 12, 1)))
    sprint_pause(uow.ctx("boss", admin=True), NoOptions())
    uow.clock.advance(days=3)  # 4 Dec, 08:00: three days held back
    resumed = _said(sprint_resume(uow.ctx("boss", admin=True), NoOptions()))
    (sprint,) = store.sprints
    assert (sprint.status, sprint.paused_since, sprint.pauses) == (
        "active",
        None,
        [["2026-12-01", 3]],
    )
    assert resumed.startswith(
        "Resumed: the plan continues from the day it stopped. The next question posts "
        f"{day_label(date(2026, 12, 4))} at 09:00 UTC; the sprint ends "
    )
    assert (
        f"{day_label(date(2026, 12, 28) + timedelta(days=3))} (moved 3 days by the pause)"
        in resumed
    )
    running = _said(sprint_resume(uow.ctx("boss", admin=True), NoOptions()))
    assert running == "The sprint is already running."


def test_pausing_without_a_sprint_tells_the_admin_how_to_start_one() -> None:
    uow, _ = _community()
    with pytest.raises(UserError) as refused:
        sprint_pause(uow.ctx("boss", admin=True), NoOptions())
    assert plain(refused.value.text) == (
        "There is no sprint in this channel. Start one with `/sprint start`."
    )
