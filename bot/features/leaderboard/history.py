"""Where members stood at a past moment, ranked by the same rule as every board."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from bot.core.standings import Standing, standing


@dataclass(frozen=True)
class PastBoard:
    """The all-time board as it stood at a moment: each member's points then, and all of them."""

    points: dict[int, int]
    ordered: tuple[int, ...]

    def standing(self, member_id: int) -> Standing | None:
        """The member's standing then, or None when they had no points yet."""
        mine = self.points.get(member_id)
        if mine is None:
            return None
        above = bisect_right(self.ordered, mine)
        level = above - bisect_left(self.ordered, mine)
        return standing(mine, ahead=len(self.ordered) - above, level=level)


def past_board(points: dict[int, int]) -> PastBoard:
    """Build the board of a moment from each member's points then."""
    return PastBoard(points, tuple(sorted(points.values())))
