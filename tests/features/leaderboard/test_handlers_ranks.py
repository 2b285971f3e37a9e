"""Ranks as members read them: equal scores share a rank everywhere, no medal for 0 or less."""

from __future__ import annotations

import re

import pytest

from bot.app.hub import Hub
from bot.core.points import Reason
from tests.conftest import actor
from tests.features.leaderboard.flow import give
from tests.replies import reply_text


def _board(hub: Hub, who: str, period: str = "all") -> str:
    return reply_text(hub.command_text(actor(who), "leaderboard", f"period:{period}"))


def _lines(board: str) -> list[str]:
    """Return the board's ranked lines, without the caller's own "You:" line."""
    return [line for line in board.split("You:")[0].splitlines() if line.endswith(" pts")]


def _profile_points(hub: Hub, who: str) -> str:
    profile = reply_text(hub.command_text(actor(who), "profile", ""))
    return re.findall(r"Points: (.*)", profile)[0]


def _no_shows(hub: Hub, who: str, times: int) -> None:
    for _ in range(times):
        give(hub, who, -20, Reason.NO_SHOW)


@pytest.mark.parametrize(
    ("scores", "lines"),
    [
        (
            {"ann": 10, "bob": 10, "cat": 10, "dan": 5},
            ["🥇 =1 Ann — 10 pts", "🥇 =1 Bob — 10 pts", "🥇 =1 Cat — 10 pts", "#4 Dan — 5 pts"],
        ),
        (
            {"ann": 30, "bob": 20, "cat": 20, "dan": 10},
            ["🥇 #1 Ann — 30 pts", "🥈 =2 Bob — 20 pts", "🥈 =2 Cat — 20 pts", "#4 Dan — 10 pts"],
        ),
        (
            {"ann": 20, "bob": 20, "cat": 10},
            ["🥇 =1 Ann — 20 pts", "🥇 =1 Bob — 20 pts", "🥉 #3 Cat — 10 pts"],
        ),
    ],
)
def test_equal_scores_share_a_rank_and_medals_go_by_rank(
    hub: Hub, scores: dict[str, int], lines: list[str]
) -> None:
    for who, points in scores.items():
        give(hub, who, points)
    assert _lines(_board(hub, "ann")) == lines


def test_each_of_three_tied_members_is_told_the_shared_rank(hub: Hub) -> None:
    for who in ("ann", "bob", "cat"):
        give(hub, who, 10)
    for who in ("ann", "bob", "cat"):
        assert _board(hub, who).endswith("You: =1 with 10 pts"), who
        assert _profile_points(hub, who) == "10 (rank =1)", who


def test_a_negative_score_gets_no_medal_and_ranks_below_a_member_on_zero(hub: Hub) -> None:
    _no_shows(hub, "alice", 3)
    give(hub, "bob", 10)
    give(hub, "bob", -10)  # bob took part and stands on 0
    give(hub, "cat", 10)
    assert _lines(_board(hub, "cat")) == [
        "🥇 #1 Cat — 10 pts",
        "#2 Bob — 0 pts",
        "#3 Alice — -60 pts",
    ]
    assert _board(hub, "alice").endswith("You: #3 with -60 pts")
    assert _board(hub, "bob").endswith("You: #2 with 0 pts")
    assert _profile_points(hub, "alice") == "-60 (rank #3)"


def test_a_lone_negative_score_is_ranked_but_wins_no_medal(hub: Hub) -> None:
    _no_shows(hub, "alice", 3)
    board = _board(hub, "alice")
    assert _lines(board) == ["#1 Alice — -60 pts"]
    assert "🥇" not in board


def test_members_on_zero_share_a_rank_without_a_medal(hub: Hub) -> None:
    for who in ("ann", "bob"):
        give(hub, who, 10)
        give(hub, who, -10)
    assert _lines(_board(hub, "ann")) == ["=1 Ann — 0 pts", "=1 Bob — 0 pts"]


def test_a_member_who_never_took_part_has_no_rank(hub: Hub) -> None:
    give(hub, "ann", 10)
    assert _board(hub, "zed").endswith("You: no points yet in this period")
    assert _profile_points(hub, "zed") == "0"


def _twelve(hub: Hub, last: tuple[int, int]) -> None:
    """Give m01…m10 120, 110, … 30 points, then m11 and m12 the two scores in `last`."""
    for n in range(1, 11):
        give(hub, f"m{n:02}", 130 - 10 * n)
    give(hub, "m11", last[0])
    give(hub, "m12", last[1])


def test_a_member_outside_the_top_ten_is_told_their_rank(hub: Hub) -> None:
    _twelve(hub, (20, 10))
    board = _board(hub, "m12")
    assert "M12" not in board.split("You:")[0]
    assert board.endswith("You: #12 with 10 pts")
    assert _profile_points(hub, "m12") == "10 (rank #12)"


def test_members_tied_outside_the_top_ten_are_told_the_shared_rank(hub: Hub) -> None:
    _twelve(hub, (15, 15))
    for who in ("m11", "m12"):
        assert _board(hub, who).endswith("You: =11 with 15 pts"), who


def test_a_tie_across_the_bottom_line_of_the_board_shows_as_shared(hub: Hub) -> None:
    _twelve(hub, (30, 5))  # m10 and m11 both on 30: one shown, one just below
    lines = _lines(_board(hub, "m11"))
    assert len(lines) == 10
    assert lines[-1] == "=10 M10 — 30 pts"
    assert _board(hub, "m11").endswith("You: =10 with 30 pts")


def test_the_week_and_all_time_boards_rank_the_same_scores_the_same(hub: Hub) -> None:
    for who in ("ann", "bob"):
        give(hub, who, 10)
    assert _lines(_board(hub, "ann", "week")) == _lines(_board(hub, "ann", "all"))
