"""What a member's prep plan shows: progress by area and round against the guide's mix."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from bot.core.prep_plan import AREA_NAMES, AREAS, Item
from bot.core.vocabulary import ROUND_CATEGORIES, ROUNDS


@dataclass(frozen=True)
class AreaProgress:
    """One area: items done and planned, its share of the work done, and its target share."""

    area: str
    done: int
    planned: int
    share: float
    target: float

    @property
    def name(self) -> str:
        return AREA_NAMES[self.area]


def by_area(items: list[Item], target: dict[str, float]) -> list[AreaProgress]:
    """Return each area of the plan (or of the target) with its progress, in the guide's order."""
    planned = Counter(i.area for i in items if not i.dropped)
    done = Counter(i.area for i in items if i.done is not None)
    total = sum(done.values())
    return [
        AreaProgress(a, done[a], planned[a], done[a] / total if total else 0.0, target.get(a, 0.0))
        for a in AREAS
        if planned[a] or target.get(a)
    ]


def by_round(items: list[Item], rounds: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """Return (round, done, planned) for each named round (every round when none was named)."""
    out = []
    for round_ in rounds or ROUNDS:
        mine = [
            i
            for i in items
            if not i.dropped and (i.mock_round == round_ or i.area in ROUND_CATEGORIES[round_])
        ]
        if mine:
            out.append((round_, sum(i.done is not None for i in mine), len(mine)))
    return out


def week_of(items: list[Item], today: date) -> list[Item]:
    """The items of today's calendar week (Monday to Sunday), done or not."""
    monday = today - timedelta(days=today.weekday())
    return [i for i in items if monday <= i.day <= monday + timedelta(days=6) and not i.dropped]


def next_open(items: list[Item], today: date) -> Item | None:
    """The item to do next: today's first open one, else the next day's."""
    open_ = sorted((i for i in items if i.open and i.day >= today), key=lambda i: (i.day, i.seq))
    return open_[0] if open_ else None
