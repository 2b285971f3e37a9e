"""Role rewards: who should hold which role, from streaks and a month's standings. No I/O.

A streak rule gives its role to every member whose live streak reaches its threshold; the
top-3 rule gives its role to everyone ranked 1st to 3rd on the last full month's board, ranked
as every board ranks (ties share a rank, so all tied at 3rd hold it; no reward for 0 or less).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from bot.core.standings import standings

STREAK = "streak"
TOP3 = "top3"
TOP_PLACES = 3
ROLE_NAME_LIMIT = 100


@dataclass(frozen=True)
class RoleRef:
    """A role an admin chose: its platform id (on the console, its name) and its name.

    `problem` is what the platform already knows stops the bot from giving it, which an admin
    can fix ("" if nothing); `unusable` why no one could ever give it (@everyone, a bot's role).
    """

    ref: str
    name: str
    problem: str = ""
    unusable: str = ""


def role_from_text(text: str) -> RoleRef:
    """A role typed as text (the console): its name, without a leading @."""
    name = " ".join(text.replace("\x00", "").strip().removeprefix("@").split())[:ROLE_NAME_LIMIT]
    return RoleRef(name, name)


@dataclass(frozen=True)
class Rule:
    """One reward: `streak` with a number of days, or `top3` (threshold 0)."""

    kind: str
    threshold: int = 0

    @property
    def label(self) -> str:
        """How the reward reads: "7-day streak", "monthly top 3"."""
        return f"{self.threshold}-day streak" if self.kind == STREAK else "monthly top 3"


def streak_holders(threshold: int, streaks: Mapping[int, int]) -> set[int]:
    """The members whose live streak reaches the threshold."""
    return {member for member, days in streaks.items() if days >= threshold}


def top_holders(points: Mapping[int, int], places: int = TOP_PLACES) -> set[int]:
    """The members ranked within the first `places` (ties share a rank) with points above 0."""
    ordered = sorted(points.items(), key=lambda item: -item[1])
    placed = standings([score for _, score in ordered])
    return {
        member
        for (member, _), at in zip(ordered, placed, strict=True)
        if at.rank <= places and at.points > 0
    }


def holders(rule: Rule, streaks: Mapping[int, int], month_points: Mapping[int, int]) -> set[int]:
    """Who should hold a rule's role now."""
    if rule.kind == STREAK:
        return streak_holders(rule.threshold, streaks)
    return top_holders(month_points)


@dataclass(frozen=True)
class Plan:
    """What to change for one rule: members to give the role to, and to take it from."""

    give: frozenset[int]
    take: frozenset[int]


def plan(held: Iterable[int], due: Iterable[int]) -> Plan:
    """Give the role to who is due and lacks it; take it from who holds it and is no longer due."""
    have, want = set(held), set(due)
    return Plan(frozenset(want - have), frozenset(have - want))


def last_month(today: date) -> tuple[date, date]:
    """The first day of the last full month before `today`'s, and the first day of today's."""
    this = today.replace(day=1)
    previous = date(this.year - 1, 12, 1) if this.month == 1 else this.replace(month=this.month - 1)
    return previous, this
