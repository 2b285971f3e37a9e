"""The weekly digest: Monday at the member's time, the right figures, once, only with news."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.app.hub import Hub
from bot.core.actors import Actor
from bot.core.cards import Mention, Rich, UserText
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.digest.flow import (
    MONDAY,
    SATURDAY,
    a_week,
    answer,
    digests,
    is_digest,
)
from tests.features.mock.flow import ANNOUNCED, NEW_YORK_NOONS, profile, request, to
from tests.features.story.flow import write

PARIS_NINE = MONDAY + timedelta(hours=8)  # 09:00 in Paris
NEW_YORK_NINE = MONDAY + timedelta(hours=14)


@pytest.fixture
async def week(hub: Hub, clock: FakeClock) -> dict[str, str]:
    """The digests of the week's members through Monday in Paris, then in New York."""
    a_week(hub, clock)
    early = await digests(hub, clock, PARIS_NINE - timedelta(minutes=1))
    assert "ann" not in early
    sent = await digests(hub, clock, PARIS_NINE)
    return sent | await digests(hub, clock, NEW_YORK_NINE)


def test_a_member_gets_the_week_in_one_message_at_nine_in_their_zone(
    week: dict[str, str],
) -> None:
    assert week["ann"].splitlines() == [
        "**Last week** (Mon 30 Nov – Sun 6 Dec): 2 answers · 22 pts · =1 on the week's board",
        "**Rank:** =1 all time (up from =2 a week ago)",
        "**Streak:** 2 days",
        "**Practice:** 1 question due for review: `/practice`",
        week["ann"].splitlines()[4],
        "**Stories to review:** 1 you took: `/story review`",
    ]
    mock = week["ann"].splitlines()[4]
    assert mock.startswith("**Next mock:** Onsite coding with Bob, proposed for ")
    assert "(Europe/Paris)" in week["ann"]


async def test_a_mock_everyone_accepted_reads_as_confirmed(hub: Hub, clock: FakeClock) -> None:
    paired = a_week(hub, clock)
    for who in ("ann", "bob"):
        [announced] = [m for m in to(paired, who) if m.card.title == ANNOUNCED]
        accept = next(b for b in announced.card.buttons if b.label == "Accept")
        hub.press(actor(who), accept.action, accept.value)
    sent = await digests(hub, clock, PARIS_NINE)
    assert "**Next mock:** Onsite coding with Bob, confirmed for " in sent["ann"]


def test_the_other_side_of_a_tie_reads_the_same_rank_in_their_own_zone(
    week: dict[str, str],
) -> None:
    lines = week["bob"].splitlines()
    assert lines[0].endswith("1 answer · 22 pts · =1 on the week's board")
    assert lines[1] == "**Rank:** =1 all time (up from =2 a week ago)"
    assert "with Ann, " in week["bob"] and "(America/New_York)" in week["bob"]


def test_a_member_new_on_the_board_is_told_so(week: dict[str, str]) -> None:
    assert week["dan"].splitlines() == [
        "**Last week** (Mon 30 Nov – Sun 6 Dec): 0 answers · 1 story · 15 pts"
        " · #3 on the week's board",
        "**Rank:** #4 all time (new on the board this week)",
    ]


def test_nobody_with_nothing_new_and_nobody_who_opted_out_gets_one(week: dict[str, str]) -> None:
    assert set(week) == {"ann", "bob", "dan"}  # not Cat (no news), not Eve (digest:off)


async def test_a_restart_sends_no_second_digest(
    hub: Hub, clock: FakeClock, week: dict[str, str]
) -> None:
    assert await digests(hub, clock, NEW_YORK_NINE + timedelta(hours=1)) == {}
    assert await digests(hub, clock, MONDAY + timedelta(days=1, hours=9)) == {}


async def test_a_rank_matches_the_leaderboard_at_the_moment_it_is_written(
    hub: Hub, clock: FakeClock
) -> None:
    a_week(hub, clock)
    clock.set(PARIS_NINE)
    board = hub.command_text(actor("ann"), "leaderboard", "period:all").messages[0].card
    assert board.footer == "You: =1 with 27 pts"
    assert "=1 all time" in (await digests(hub, clock, PARIS_NINE))["ann"]


@pytest.mark.parametrize(
    ("at", "sent_at"),
    [
        ("07:00", datetime(2026, 12, 7, 8, tzinfo=UTC)),  # quiet until 08:00
        ("18:30", datetime(2026, 12, 7, 18, 30, tzinfo=UTC)),
        ("23:00", datetime(2026, 12, 8, 8, tzinfo=UTC)),  # quiet from 22:00: Tuesday morning
    ],
)
async def test_the_digest_comes_at_the_practice_time_outside_quiet_hours(
    hub: Hub, clock: FakeClock, at: str, sent_at: datetime
) -> None:
    clock.set(datetime(2026, 12, 4, 10, tzinfo=UTC))
    hub.command_text(actor("fay"), "practice", f"daily at:{at} timezone:UTC")
    answer(hub, "fay")
    assert "fay" not in await digests(hub, clock, sent_at - timedelta(minutes=1))
    assert "fay" in await digests(hub, clock, sent_at)


async def test_a_digest_missed_by_a_whole_day_is_not_sent_late(hub: Hub, clock: FakeClock) -> None:
    clock.set(datetime(2026, 12, 4, 10, tzinfo=UTC))
    answer(hub, "gus")
    assert await digests(hub, clock, MONDAY + timedelta(days=1, hours=9)) == {}


async def test_a_partners_name_is_member_text_that_pings_nobody(hub: Hub, clock: FakeClock) -> None:
    rude = Actor("console", "g1", "rude", "@everyone <!channel> **x**", channel_id="c1")
    clock.set(SATURDAY)
    profile(hub, "ann")
    line = f"set role:MLE level:senior timezone:America/New_York availability:{NEW_YORK_NOONS}"
    hub.command_text(rude, "profile", line)
    request(hub, "ann")
    hub.command_text(rude, "mock", "request round:ml_depth")
    messenger = FakeMessenger()
    clock.set(PARIS_NINE)
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    [card] = [m.card for _, m in messenger.sent if is_digest(m)]
    assert isinstance(card.text, Rich)
    assert UserText("@everyone <!channel> **x**") in card.text.parts
    assert not any(isinstance(part, Mention) for part in card.text.parts)


async def test_a_story_written_is_news_even_before_it_earns_points(
    hub: Hub, clock: FakeClock
) -> None:
    clock.set(SATURDAY)
    write(hub, "hal", action="I fixed it.")  # a thin Action: saved, no points yet
    assert (await digests(hub, clock, MONDAY + timedelta(hours=9)))["hal"] == (
        "**Last week** (Mon 30 Nov – Sun 6 Dec): 0 answers · 1 story"
    )


async def test_two_processes_ticking_at_once_send_one_digest(hub: Hub, clock: FakeClock) -> None:
    clock.set(SATURDAY)
    answer(hub, "ivy")
    clock.set(MONDAY + timedelta(hours=9))
    first, second = FakeMessenger(), FakeMessenger()
    await asyncio.gather(
        JobRunner(hub.engine, clock, {"console": first}).tick(),
        JobRunner(hub.engine, clock, {"console": second}).tick(),
    )
    sent = [m for _, m in first.sent + second.sent if is_digest(m)]
    assert [m.to_member for m in sent] == ["ivy"]


async def test_a_prep_plan_is_news_and_its_progress_has_a_line(hub: Hub, clock: FakeClock) -> None:
    clock.set(SATURDAY)
    hub.command_text(actor("jo"), "prep", "start date:2027-01-20")
    lines = (await digests(hub, clock, MONDAY + timedelta(hours=9)))["jo"].splitlines()
    assert lines[-1].startswith("**Prep plan:** 44 days to go - ")
    assert "items done this fortnight" in lines[-1]
