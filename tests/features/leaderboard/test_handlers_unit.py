"""The boards a member reads, run on an in-memory store: ranks, ties, medals (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.app.registry import UserError
from bot.core.cards import Visibility, plain
from bot.features.leaderboard.handlers import (
    ShowOptions,
    StreaksOptions,
    leaderboard,
    profile_streaks,
)
from bot.features.leaderboard.store import LeaderboardStore
from bot.features.sprints.tables import Sprint
from tests.fakes import FakeUnitOfWork
from tests.features.leaderboard.fakes import FakeLeaderboardStore
from tests.replies import reply_text


def _board(period: str = "all", **points: int) -> tuple[FakeUnitOfWork, FakeLeaderboardStore]:
    """A community whose members (in keyword order) have these points in a period."""
    store = FakeLeaderboardStore()
    uow = FakeUnitOfWork((LeaderboardStore, store))
    for who, value in points.items():
        store.scored(period, uow.ctx(who).member_id, who, value)
    return uow, store


def _show(uow: FakeUnitOfWork, who: str, period: str = "all", share: bool = False) -> str:
    return reply_text(leaderboard(uow.ctx(who), ShowOptions(period=period, share=share)))


def test_members_with_equal_points_share_a_rank_and_the_next_rank_skips() -> None:
    uow, _ = _board(ann=10, bob=10, cat=5)
    board = _show(uow, "cat")
    assert "🥇 =1 ann — 10 pts\n🥇 =1 bob — 10 pts\n🥉 #3 cat — 5 pts" in board
    assert "You: #3 with 5 pts" in board


def test_a_tie_across_the_bottom_of_the_board_is_shown_as_shared() -> None:
    points = {f"m{n:02}": 100 - n for n in range(9)} | {"m09": 5, "m10": 5}
    uow, _ = _board(**points)
    board = _show(uow, "m10")
    assert "=10 m09 — 5 pts" in board  # m10 is off the top ten, but level with m09
    assert "m10 —" not in board
    assert "You: =10 with 5 pts" in board


def test_no_medal_goes_to_a_score_of_zero_or_less() -> None:
    uow, _ = _board(ann=0, bob=-60)
    board = _show(uow, "bob")
    assert "🥇" not in board and "🥈" not in board
    assert "#1 ann — 0 pts\n#2 bob — -60 pts" in board
    assert "You: #2 with -60 pts" in board


def test_a_member_with_no_points_is_told_so_under_the_board() -> None:
    uow, _ = _board(ann=10)
    assert "You: no points yet in this period" in _show(uow, "dan")


def test_an_empty_board_invites_members_to_answer() -> None:
    uow, _ = _board()
    board = _show(uow, "ann")
    assert "No points yet. Answer the daily question to get on the board!" in board


def test_the_sprint_board_needs_a_sprint() -> None:
    uow, _ = _board()
    with pytest.raises(UserError) as refused:
        leaderboard(uow.ctx("ann"), ShowOptions(period="sprint"))
    assert plain(refused.value.text) == (
        "There is no sprint yet, so no sprint leaderboard. Try `period:week`."
    )


def test_without_a_period_the_board_is_the_sprint_season_when_there_is_one() -> None:
    uow, store = _board("sprint:7", ann=30)
    store.sprints.append(_sprint(7, "Winter prep"))
    assert "Leaderboard — sprint Winter prep" in reply_text(
        leaderboard(uow.ctx("ann"), ShowOptions())
    )


def test_a_shared_board_goes_to_the_channel_without_the_callers_own_line() -> None:
    uow, _ = _board(ann=10)
    reply = leaderboard(uow.ctx("ann"), ShowOptions(period="all", share=True))
    assert reply.messages[0].visibility is Visibility.CHANNEL
    assert reply.messages[0].channel == "c1"
    assert "You:" not in reply_text(reply)


def test_turning_streaks_off_and_on_tells_the_member_and_keeps_the_choice() -> None:
    uow, store = _board()
    ctx = uow.ctx("ann")
    off = reply_text(profile_streaks(ctx, StreaksOptions(on=False)))
    assert "Streaks are off: no streak is shown or counted for you." in off
    assert store.streaks[ctx.member_id].opted_out
    on = reply_text(profile_streaks(ctx, StreaksOptions(on=True)))
    assert "Streaks are on: answer on consecutive days to build one." in on
    assert not store.streaks[ctx.member_id].opted_out


def _sprint(sprint_id: int, name: str) -> Sprint:
    return Sprint(
        id=sprint_id,
        community_id=FakeUnitOfWork.COMMUNITY_ID,
        channel_id="c1",
        name=name,
        start_date=date(2026, 12, 1),
        weeks=4,
        post_time="09:00",
        timezone="UTC",
    )
