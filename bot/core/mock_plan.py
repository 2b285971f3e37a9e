"""A mock round's plan: pairs, a trio for an odd member out (or first priority next time)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.core.matching import Seeker, match, pair_score

OddPolicy = Literal["trio", "wait"]
ODD_POLICIES: tuple[str, ...] = ("trio", "wait")


@dataclass(frozen=True)
class Leftover:
    """A member not paired this round, and why: nobody else of their role, or the odd one out."""

    key: int
    alone: bool


@dataclass(frozen=True)
class RoundPlan:
    """Groups by key: each pair and trio is an interview cycle (each interviews the next)."""

    pairs: tuple[tuple[int, int], ...]
    trios: tuple[tuple[int, int, int], ...]
    leftovers: tuple[Leftover, ...]


def plan_round(seekers: Sequence[Seeker], seed: object, odd: OddPolicy = "trio") -> RoundPlan:
    """Pair everyone; an odd member out joins the pair that suits them best, or waits first."""
    by_key = {s.key: s for s in seekers}
    pairs = [_first_interviewer(by_key, a, b) for a, b in match(seekers, seed)]
    paired = {key for pair in pairs for key in pair}
    trios: list[tuple[int, int, int]] = []
    leftovers: list[Leftover] = []
    for seeker in sorted(seekers, key=lambda s: s.key):
        if seeker.key in paired:
            continue
        same_role = [p for p in pairs if by_key[p[0]].role == seeker.role]
        if odd == "wait" or not same_role:
            leftovers.append(Leftover(seeker.key, alone=not same_role))
            continue
        host = max(same_role, key=lambda p: (_fit(by_key, seeker, p), -p[0]))
        pairs.remove(host)
        trios.append((host[0], host[1], seeker.key))
    return RoundPlan(tuple(pairs), tuple(trios), tuple(leftovers))


def _fit(by_key: dict[int, Seeker], seeker: Seeker, pair: tuple[int, int]) -> int:
    return pair_score(seeker, by_key[pair[0]]) + pair_score(seeker, by_key[pair[1]])


def _first_interviewer(by_key: dict[int, Seeker], a: int, b: int) -> tuple[int, int]:
    """Order a pair so the member who waited longer is interviewed first."""
    left, right = by_key[a], by_key[b]
    if _seniority(right) > _seniority(left):
        return (a, b)
    return (b, a)


def _seniority(seeker: Seeker) -> tuple[bool, float, int]:
    return (seeker.priority, seeker.waited_hours, -seeker.key)


def interview_order(keys: Sequence[int]) -> list[tuple[int, int]]:
    """Return (interviewer, interviewee) for a cycle: each member interviews the next one."""
    return [(keys[i], keys[(i + 1) % len(keys)]) for i in range(len(keys))]
