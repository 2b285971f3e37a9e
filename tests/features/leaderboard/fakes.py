"""An in-memory LeaderboardStore: scores per period, streak rows, and no database."""

from __future__ import annotations

from datetime import date, datetime

from bot.core.standings import Standing, standing, standings
from bot.features.leaderboard.store import LeaderboardStore, Row
from bot.features.leaderboard.tables import StreakState
from bot.features.sprints.tables import Sprint


class FakeLeaderboardStore(LeaderboardStore):
    """The same methods as LeaderboardStore, over dictionaries a test fills."""

    def __init__(self, community_id: int = 1) -> None:
        self.community_id = community_id
        self.names: dict[int, str] = {}
        self.scores: dict[str, dict[int, int]] = {}
        self.awards: dict[tuple[int, str, str], tuple[int, datetime]] = {}
        self.streaks: dict[int, StreakState] = {}
        self.sprints: list[Sprint] = []
        self.answers: dict[int, int] = {}
        self.ratings: dict[int, list[tuple[str, str]]] = {}

    def scored(self, period: str, member_id: int, name: str, points: int) -> None:
        """Give a member (shown as `name`) points in a period."""
        self.names[member_id] = name
        self.scores.setdefault(period, {})[member_id] = points

    def record_award(
        self, member_id: int, reason: str, reference: str, points: int, at: datetime
    ) -> bool:
        if (member_id, reason, reference) in self.awards:
            return False
        self.awards[(member_id, reason, reference)] = (points, at)
        return True

    def add_points(self, member_id: int, period: str, n: int) -> None:
        board = self.scores.setdefault(period, {})
        board[member_id] = board.get(member_id, 0) + n

    def running_sprints(self, today: date) -> list[int]:
        return [
            s.id
            for s in self.sprints
            if s.id is not None and s.status in ("active", "paused") and s.start_date <= today
        ]

    def _board(self, period: str) -> list[tuple[int, int]]:
        board = self.scores.get(period, {})
        return sorted(board.items(), key=lambda item: (-item[1], item[0]))

    def ranked_rows(self, period: str, limit: int) -> list[Row]:
        rows = self._board(period)[: limit + 1]
        placed = standings([points for _, points in rows])
        return [
            Row(member_id, self.names.get(member_id) or "member", at)
            for (member_id, _), at in zip(rows, placed, strict=True)
        ][:limit]

    def rank_of(self, period: str, member_id: int) -> Standing | None:
        board = self.scores.get(period, {})
        if member_id not in board:
            return None
        mine = board[member_id]
        ahead = sum(1 for points in board.values() if points > mine)
        level = min(2, sum(1 for points in board.values() if points == mine))
        return standing(mine, ahead=ahead, level=level)

    def season_sprint(self, channel_id: str) -> Sprint | None:
        ordered = sorted(self.sprints, key=lambda s: (s.channel_id != channel_id, -(s.id or 0)))
        return ordered[0] if ordered else None

    def has_sprint(self) -> bool:
        return bool(self.sprints)

    def answer_count(self, member_id: int) -> int:
        return self.answers.get(member_id, 0)

    def self_ratings(self, member_id: int) -> list[tuple[str, str]]:
        return list(self.ratings.get(member_id, []))

    def streak(self, member_id: int) -> StreakState | None:
        return self.streaks.get(member_id)

    def streak_to_keep(self, member_id: int) -> StreakState:
        row = self.streaks.get(member_id)
        if row is None:
            row = StreakState(member_id=member_id, community_id=self.community_id)
            self.streaks[member_id] = row
        return row

    def display_name(self, member_id: int) -> str | None:
        return self.names.get(member_id)

    def forget(self, member_id: int) -> None:
        for board in self.scores.values():
            board.pop(member_id, None)
        self.streaks.pop(member_id, None)
        self.awards = {key: v for key, v in self.awards.items() if key[0] != member_id}
