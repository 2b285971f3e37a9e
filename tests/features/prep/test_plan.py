"""The prep plan as a member lives it: start, the daily DM, ratings, missed days, move, stop."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session

from bot.app.hub import Hub
from bot.core.cards import Message, Rich, UserText, plain
from bot.features.prep.api import plan_progress
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.replies import reply_text

ANN = actor("ann")
START = "start date:2027-01-07 level:mle2 rounds:onsite_coding,bar_raiser,ml_system_design"


@pytest.fixture
def planned(hub: Hub, clock: FakeClock) -> FakeMessenger:
    """Ann has the practice DM at 08:00 UTC and a plan to 7 Jan, started on Thu 3 Dec."""
    clock.set(datetime(2026, 12, 3, 7, 0, tzinfo=UTC))
    hub.command_text(ANN, "practice", "daily at:08:00 timezone:UTC")
    hub.command_text(ANN, "prep", START)
    return FakeMessenger()


def _dms(hub: Hub, clock: FakeClock, messenger: FakeMessenger, day: int) -> list[Message]:
    clock.set(datetime(2026, 12, day, 8, 1, tzinfo=UTC))
    before = len(messenger.sent)
    asyncio.run(JobRunner(hub.engine, clock, {"console": messenger}).tick())
    return [message for _, message in messenger.sent[before:]]


def _press(hub: Hub, message: Message, label: str) -> str:
    button = next(b for b in message.card.buttons if b.label == label)
    return reply_text(hub.press(ANN, button.action, button.value))


def test_starting_a_plan_says_what_it_holds_and_when_items_arrive(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 3, 7, 0, tzinfo=UTC))
    said = reply_text(hub.command_text(ANN, "prep", START))
    assert "35 items, one a day from Thu 3 Dec to Thu 7 Jan" in said
    assert "at least 40 % coding and 30 % LP stories, a mock each week" in said
    assert "turn on `/practice daily at:08:00`" in said
    again = reply_text(hub.command_text(ANN, "prep", START))
    assert "You already have a prep plan" in again


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("date:2026-12-03", "is not after today (2026-12-03 in your time zone)"),
        ("date:2026-12-01", "is not after today"),
        ("date:2027-01-07 rounds:lunch", "I don't know the round lunch. Rounds: online_assessment"),
        ("date:soon", "`date` takes a date like 2026-12-01."),
    ],
)
def test_a_bad_date_or_round_is_refused_kindly(
    hub: Hub, clock: FakeClock, options: str, expected: str
) -> None:
    clock.set(datetime(2026, 12, 3, 7, 0, tzinfo=UTC))
    assert expected in reply_text(hub.command_text(ANN, "prep", f"start {options}"))


def test_a_plan_a_few_days_long_is_all_review_and_says_so(hub: Hub, clock: FakeClock) -> None:
    clock.set(datetime(2026, 12, 3, 7, 0, tzinfo=UTC))
    said = reply_text(hub.command_text(ANN, "prep", "start date:2026-12-06"))
    assert "3 items, one a day" in said and "only 3 days away" in said


def test_a_plan_months_away_starts_16_weeks_before(hub: Hub, clock: FakeClock) -> None:
    clock.set(datetime(2026, 12, 3, 7, 0, tzinfo=UTC))
    said = reply_text(hub.command_text(ANN, "prep", "start date:2027-06-30"))
    assert "your plan starts on 2027-03-10 (16 weeks before)" in said
    shown = reply_text(hub.command_text(ANN, "prep", ""))
    assert "Your plan starts on Wed 10 Mar" in shown


def test_the_plan_item_comes_in_the_one_practice_dm_with_the_usual_buttons(
    hub: Hub, clock: FakeClock, planned: FakeMessenger
) -> None:
    (dm,) = _dms(hub, clock, planned, 3)
    assert plain(dm.card.title).startswith("Prep plan · Coding · practice question: ")
    assert [b.label for b in dm.card.buttons] == [
        "Hint",
        "What a strong answer covers",
        "Nailed it",
        "Partial",
        "Missed",
    ]
    assert "35 days to your interview (Thu 7 Jan)" in plain(dm.card.footer)
    said = _press(hub, dm, "Missed")
    assert "It counts toward your prep plan. That's today's plan done." in said
    shown = reply_text(hub.command_text(ANN, "prep", ""))
    assert "✅ Thu 3 Dec · Coding · practice question (Missed)" in shown
    assert "Coding: 100% missed (of 1 rating)" in shown


def test_skipped_days_fold_into_today_at_most_two_extra(
    hub: Hub, clock: FakeClock, planned: FakeMessenger
) -> None:
    _dms(hub, clock, planned, 3)
    monday = _dms(hub, clock, planned, 7)  # Thu to Sun skipped: three items open
    (dm,) = [m for m in monday if m.card.title != "Your week in PrepLoop"]  # Monday's digest aside
    assert "2 more items today: /prep" in plain(dm.card.footer)
    shown = reply_text(hub.command_text(ANN, "prep", ""))
    assert shown.count("▶️ Mon 7 Dec") == 3
    assert shown.count("Tue 8 Dec") >= 2  # the fourth missed item goes to tomorrow
    assert ", from Thu 3 Dec" in shown


def test_the_question_of_the_day_counts_when_it_fits(
    hub: Hub, clock: FakeClock, planned: FakeMessenger
) -> None:
    clock.set(datetime(2026, 12, 3, 9, 0, tzinfo=UTC))  # today's question: ML system design
    assert "counts toward" not in _answer_daily(hub)
    clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=UTC))  # an LP question, like today's item
    assert "It counts toward your prep plan. 1 item left today." in _answer_daily(hub)
    card = hub.command_text(ANN, "question", "").messages[0].card
    said = _press(hub, Message(card), "Partial")
    assert "counts toward" not in said  # the answer already counted; the rating is kept
    shown = reply_text(hub.command_text(ANN, "prep", ""))
    assert "✅ Fri 4 Dec · LP stories · practice question (Partial)" in shown


def _answer_daily(hub: Hub) -> str:
    card = hub.command_text(ANN, "question", "").messages[0].card
    answer = next(b for b in card.buttons if b.label == "Answer")
    modal = hub.press(ANN, answer.action, answer.value).modal
    assert modal is not None
    fields = {"answer": "I would own the outcome and measure it."}
    return reply_text(hub.submit(ANN, modal.action, modal.value, fields))


def test_a_story_or_mock_task_is_marked_done_with_its_button(
    hub: Hub, clock: FakeClock, planned: FakeMessenger
) -> None:
    dms = [_dms(hub, clock, planned, day)[0] for day in range(3, 12)]
    tasks = [dm for dm in dms if [b.label for b in dm.card.buttons] == ["Done"]]
    assert any("This week's mock" in plain(dm.card.text) for dm in tasks)
    assert "Marked done." in _press(hub, tasks[-1], "Done")
    assert "Already done." in _press(hub, tasks[-1], "Done")


def test_moving_the_date_replans_and_stopping_clears(
    hub: Hub, clock: FakeClock, planned: FakeMessenger
) -> None:
    (dm,) = _dms(hub, clock, planned, 3)
    _press(hub, dm, "Nailed it")
    moved = reply_text(hub.command_text(ANN, "prep", "move date:2026-12-24"))
    assert (
        "Replanned to Thu 24 Dec: 21 items from Thu 3 Dec. The 1 item you did still count." in moved
    )
    assert "21 days to your interview (Thu 24 Dec)" in reply_text(hub.command_text(ANN, "prep", ""))
    assert "ended and cleared" in reply_text(hub.command_text(ANN, "prep", "stop"))
    assert "You have no prep plan" in reply_text(hub.command_text(ANN, "prep", ""))
    assert "nothing to stop" in reply_text(hub.command_text(ANN, "prep", "stop"))
    (plain_dm,) = _dms(hub, clock, planned, 4)
    assert plain(plain_dm.card.title).startswith("Practice:")


def test_admins_see_counts_and_dates_without_names(
    hub: Hub, clock: FakeClock, planned: FakeMessenger
) -> None:
    hub.command_text(actor("bob"), "prep", "start date:2026-12-08")
    boss = actor("boss", admin=True)
    shown = reply_text(hub.command_text(boss, "prep", "overview"))
    assert "2 members have a prep plan; interviews: this week 1 · in 5-8 weeks 1" in shown
    assert "Ann" not in shown and "Bob" not in shown
    refused = reply_text(hub.command_text(ANN, "prep", "overview"))
    assert "2 members" not in refused
    hub.command_text(boss, "sprint", "start Prep start:2026-12-07 weeks:2 timezone:UTC")
    status = reply_text(hub.command_text(boss, "sprint", "status"))
    assert "Prep plans: 2 members have a prep plan" in status


def test_plan_progress_is_one_line_for_the_digest(
    hub: Hub, clock: FakeClock, planned: FakeMessenger
) -> None:
    (dm,) = _dms(hub, clock, planned, 3)
    _press(hub, dm, "Partial")
    with Session(hub.engine) as session:
        line = plan_progress(session, 1, 1, date(2026, 12, 4))
        none = plan_progress(session, 1, 999, date(2026, 12, 4))
    assert (
        line == "34 days to go - 1 of 2 items done this fortnight - next: Coding"
    )  # coding rated partial comes first
    assert none is None


def test_the_role_a_member_typed_is_shown_as_their_text_never_as_markup(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 3, 7, 0, tzinfo=UTC))
    hub.command_text(ANN, "prep", 'start date:2027-01-07 role:"@everyone **MLE**"')
    text = hub.command_text(ANN, "prep", "").messages[0].card.text
    assert isinstance(text, Rich)
    assert UserText("@everyone **MLE**") in text.parts
