"""The weekly board and the sprint recap rank members exactly as /leaderboard does."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.cards import Card, plain
from bot.jobs import JobRunner
from bot.services.hub import Hub
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.integration.board_flow import answer, give
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
    return [message.card for _, message in messenger.sent]


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
