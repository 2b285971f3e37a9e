"""The public web leaderboard: the bot's own boards, display names only, hidden members left off."""

from __future__ import annotations

from dataclasses import dataclass

from bot.features.leaderboard.api import ALL_TIME, Row, week_period
from bot.features.sprints.api import Sprint

TOP = 50
PERIODS = ("week", "sprint", "all")
PERIOD_NAMES = {"week": "This week", "sprint": "Sprint", "all": "All time"}


@dataclass(frozen=True)
class BoardLine:
    """One line of the public board: the standing as the bot shows it, a name and the points."""

    shown: str
    name: str
    points: str


@dataclass(frozen=True)
class PublicBoard:
    """A community's published board for one period."""

    community: str
    period: str
    title: str
    lines: tuple[BoardLine, ...]
    has_sprint: bool


def period_key(period: str, today_week: str, sprint: Sprint | None) -> str | None:
    """The leaderboard's key of a period; None for `sprint` when there has been none."""
    if period == "all":
        return ALL_TIME
    if period == "week":
        return today_week
    return f"sprint:{sprint.id}" if sprint is not None else None


def period_title(period: str, sprint: Sprint | None) -> str:
    """The heading of a period's board."""
    if period == "sprint" and sprint is not None:
        return f"Sprint {sprint.name}"
    return PERIOD_NAMES[period]


def board_lines(rows: list[Row], hidden: set[int], limit: int = TOP) -> tuple[BoardLine, ...]:
    """The shown lines: members who asked to be hidden are left off, ranks stay as the bot's."""
    shown = [row for row in rows if row.member_id not in hidden][:limit]
    return tuple(BoardLine(row.at.shown, row.name, row.at.score) for row in shown)


__all__ = ["PERIODS", "TOP", "BoardLine", "PublicBoard", "board_lines", "week_period"]
