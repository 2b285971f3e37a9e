"""Where a member stands on a board: rank, tie and medal, the same in every view."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.words import competition_ranks, plural, rank_label

MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


@dataclass(frozen=True)
class Standing:
    """A member's place on one board: competition rank, shared or not, and points."""

    rank: int
    tied: bool
    points: int

    @property
    def label(self) -> str:
        """Return "#4", or "=1" for a shared rank."""
        return rank_label(self.rank, tied=self.tied)

    @property
    def medal(self) -> str:
        """Return the rank's medal; a score of 0 or less never earns one."""
        return MEDALS.get(self.rank, "") if self.points > 0 else ""

    @property
    def shown(self) -> str:
        """Return the standing as a board line starts: "🥇 =1", "#4"."""
        return f"{self.medal} {self.label}" if self.medal else self.label

    @property
    def score(self) -> str:
        """Return the points as read: "10 pts", "1 pt", "-60 pts"."""
        return plural(self.points, "pt")


def standing(points: int, *, ahead: int, level: int) -> Standing:
    """Place a score behind `ahead` higher ones and beside `level` equal ones (itself included)."""
    return Standing(rank=ahead + 1, tied=level > 1, points=points)


def standings(scores: Sequence[int]) -> list[Standing]:
    """Place the top of a board, scores high to low.

    Pass one score more than is shown, so that a tie across the bottom line is seen.
    """
    level = Counter(scores)
    return [
        standing(score, ahead=rank - 1, level=level[score])
        for score, rank in zip(scores, competition_ranks(scores), strict=True)
    ]
