"""The weekly board and the sprint recap rank members exactly as /leaderboard does."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app.hub import Hub
from bot.core.cards import Card, Visibility, plain
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.leaderboard.flow import answer, give
from tests.replies import reply_text

ADMIN = actor("boss", admin=True)
TIED = ["🥇 =1 Ann — 10 pts", "🥇 =1 Bob — 10 pts", "🥉 #3 Cat — 5 pts"]


def _lines(text: str) -> list[str]:
    return [line for line in text.split("You:")[0].splitlines() if line.endswith(" pts")]


def _tie(hub: Hub) -> None:
    for who, points in (("ann", 10), ("bob", 10), ("cat", 5)):
        give(hub, who, points)


async def _posts_on(hub: Hub, clock: FakeClock, moment: datetime) -> list[Card]:
    messenger = FakeMessenger()
    clock.set(moment)
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    # Channel posts only: a member's Monday digest goes by DM the same morning.
    return [m.card for _, m in messenger.sent if m.visibility is Visibility.CHANNEL]


async def test_the_weekly_post_ranks_a_tie_as_the_leaderboard_does(
    hub: Hub, clock: FakeClock
) -> None:
    hub.command_text(ADMIN, "sprint", "start Prep start:2026-12-02 weeks:2")
    clock.set(datetime(2026, 12, 2, 10, tzinfo=UTC))
    _tie(hub)
    board = _lines(reply_text(hub.command_text(actor("ann"), "leaderboard", "period:week")))
    posts = await _posts_on(hub, clock, datetime(2026, 12, 7, 9, 30, tzinfo=UTC))
    [weekly] = [card for card in posts if plain(card.title).startswith("Week of 2026-11-30")]
    assert _lines(plain(weekly.text)) == board == TIED


def test_the_recap_ranks_a_tie_as_the_leaderboard_does(hub: Hub, clock: FakeClock) -> None:
    hub.command_text(ADMIN, "sprint", "start Prep start:2026-12-02")
    clock.set(datetime(2026, 12, 2, 10, tzinfo=UTC))
    _tie(hub)
    board = _lines(reply_text(hub.command_text(actor("ann"), "leaderboard", "period:sprint")))
    recap = reply_text(hub.command_text(ADMIN, "sprint", "end"))
    assert "Sprint recap: Prep" in recap
    assert _lines(recap) == board == TIED


def test_the_recap_counts_participation_in_plain_words(hub: Hub, clock: FakeClock) -> None:
    hub.command_text(ADMIN, "sprint", "start Prep start:2026-12-01")
    answer(hub, "ann")
    recap = reply_text(hub.command_text(ADMIN, "sprint", "end"))
    assert "Participation: 1 member · 1 answer · 1 question" in recap


async def test_a_week_nobody_took_part_in_posts_no_board(hub: Hub, clock: FakeClock) -> None:
    hub.command_text(ADMIN, "sprint", "start Prep start:2026-12-02 weeks:2")
    posts = await _posts_on(hub, clock, datetime(2026, 12, 7, 9, 30, tzinfo=UTC))
    titles = [plain(card.title) for card in posts]
    assert any(title.startswith("Question of the day") for title in titles)  # the tick ran
    assert not any(title.startswith("Week of") for title in titles)


@pytest.mark.parametrize(
    ("took_part", "titles"),
    [
        (True, ["Sprint recap: Prep", "Week of 2026-12-07 — top 10"]),
        (False, []),
    ],
)
async def test_the_day_after_a_sprint_posts_its_board_and_recap_only_if_someone_took_part(
    hub: Hub, clock: FakeClock, took_part: bool, titles: list[str]
) -> None:
    hub.command_text(ADMIN, "sprint", "start Prep start:2026-12-07 weeks:1")  # ends on a Sunday
    if took_part:
        clock.set(datetime(2026, 12, 8, 10, tzinfo=UTC))
        give(hub, "ann", 10)
    posts = await _posts_on(hub, clock, datetime(2026, 12, 14, 9, 30, tzinfo=UTC))
    assert sorted(plain(card.title) for card in posts) == titles
    status = reply_text(hub.command_text(ADMIN, "sprint", "status"))
    assert "There is no sprint in this channel" in status  # it ended either way


def test_ending_a_sprint_nobody_took_part_in_tells_the_admin_and_posts_nothing(
    hub: Hub,
) -> None:
    hub.command_text(ADMIN, "sprint", "start Prep start:2026-12-01")
    ended = hub.command_text(ADMIN, "sprint", "end")
    [note] = ended.messages
    assert note.visibility is Visibility.EPHEMERAL
    said = "Ended Prep. Nobody took part, so there is no recap to post."
    assert reply_text(ended).strip() == said
