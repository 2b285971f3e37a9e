"""Pair waiting mock requests: same role always, then level, availability, history and waiting.

The weight of a pair adds what the two members share (`pair_score`) to what each brings
(`node_score`: time waited, first priority, recent no-shows), so a maximum-weight matching also
decides who is left out when a group is odd. `match` is a greedy matching over candidate edges
followed by local improvement (bot/core/mock_moves.py). benchmarks/mock_matching.py measures it
against networkx's exact matching (within 1 % on instances of up to 300 requests) and times it
on 10,000 requests (under 1 s).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.core.mock_moves import free_members, improve_at, shift_free

BASE = 100
LEVEL_STEP = 12
OVERLAP_PER_SLOT = 3
OVERLAP_CAP_SLOTS = 8
NO_OVERLAP = 25
SAME_ROUND = 8
RECENT_PARTNER = 60
WAIT_MAX = 20
WAIT_FULL_HOURS = 168
FIRST_PRIORITY = 25
NO_SHOW_STEP = 8
NO_SHOW_CAP = 3
FULL_SCAN_LIMIT = 400
WINDOW = 4
TOP_SMALL = 10
TOP_LARGE = 4
IMPROVE_PASSES = 8
LARGE_PASSES = 2


@dataclass(frozen=True)
class Seeker:
    """A waiting request as the matcher sees it; `slots` are UTC half-hours of the week."""

    key: int
    member: int
    role: str
    level: int
    round: str
    slots: int
    waited_hours: float = 0.0
    no_shows: int = 0
    priority: bool = False
    recent: frozenset[int] = field(default_factory=frozenset)


def pair_score(a: Seeker, b: Seeker) -> int:
    """Score what two members of the same role share: level, hours, round, history."""
    score = BASE - LEVEL_STEP * abs(a.level - b.level)
    overlap = (a.slots & b.slots).bit_count()
    score += OVERLAP_PER_SLOT * min(overlap, OVERLAP_CAP_SLOTS) if overlap else -NO_OVERLAP
    if a.round == b.round:
        score += SAME_ROUND
    if a.member in b.recent or b.member in a.recent:
        score -= RECENT_PARTNER
    return score


def node_score(a: Seeker) -> int:
    """Score what one member brings: waiting long and first priority raise it, no-shows lower it."""
    waited = int(min(max(a.waited_hours, 0.0), WAIT_FULL_HOURS) * WAIT_MAX // WAIT_FULL_HOURS)
    bonus = FIRST_PRIORITY if a.priority else 0
    return waited + bonus - NO_SHOW_STEP * min(a.no_shows, NO_SHOW_CAP)


def weight(a: Seeker, b: Seeker) -> int:
    """Return the weight of pairing a with b (0 when they may never be paired)."""
    if a.role != b.role or a.member == b.member:
        return 0
    return max(pair_score(a, b) + node_score(a) + node_score(b), 1)


def instantly_compatible(a: Seeker, b: Seeker) -> bool:
    """Say whether b can be paired with a on the spot: shared hours and not a recent partner."""
    if a.role != b.role or a.member == b.member:  # what makes weight() 0, without scoring
        return False
    if not a.slots & b.slots:
        return False
    return a.member not in b.recent and b.member not in a.recent


def best_partner(new: Seeker, waiting: Sequence[Seeker]) -> Seeker | None:
    """Pick the waiting request to pair with a new one now, or None to keep it waiting."""
    fits = [other for other in waiting if instantly_compatible(new, other)]
    return _best(new, fits)


def _best(new: Seeker, fits: Sequence[Seeker]) -> Seeker | None:
    if not fits:
        return None
    return max(fits, key=lambda o: (weight(new, o), o.waited_hours, -o.key))


def hours_to_fallback(a: Seeker, b: Seeker, limit_hours: float) -> float:
    """Hours until a and b may be paired anyway: when either has waited the limit for someone new.

    Only the same role: other roles never pair, so the answer is infinite.
    """
    if a.role != b.role or a.member == b.member:  # what makes weight() 0, without scoring
        return float("inf")
    return max(limit_hours - max(a.waited_hours, b.waited_hours), 0.0)


def best_fallback(new: Seeker, waiting: Sequence[Seeker], limit_hours: float) -> Seeker | None:
    """Pick a partner for a request once the wait limit passed: a past partner, or other hours."""
    return _best(new, [o for o in waiting if hours_to_fallback(new, o, limit_hours) == 0])


def next_fallback(
    new: Seeker, waiting: Sequence[Seeker], limit_hours: float
) -> tuple[float, Seeker] | None:
    """Say in how many hours a waiting request falls back to a partner, and to whom, if ever."""
    hours = [(hours_to_fallback(new, o, limit_hours), o) for o in waiting]
    soonest = min((h for h, _ in hours), default=float("inf"))
    if soonest == float("inf"):
        return None
    partner = _best(new, [o for h, o in hours if h <= soonest])
    assert partner is not None
    return soonest, partner


def total_weight(pairs: Sequence[tuple[int, int]], seekers: Sequence[Seeker]) -> int:
    """Sum the weights of pairs given by key."""
    by_key = {s.key: s for s in seekers}
    return sum(weight(by_key[a], by_key[b]) for a, b in pairs)


def match(seekers: Sequence[Seeker], seed: object = 0) -> list[tuple[int, int]]:
    """Pair seekers by key for a high total weight; the same input and seed give the same pairs."""
    rng = random.Random(str(seed))
    groups: dict[str, list[Seeker]] = defaultdict(list)
    for seeker in sorted(seekers, key=lambda s: s.key):
        groups[seeker.role].append(seeker)
    pairs: list[tuple[int, int]] = []
    for role in sorted(groups):
        group = groups[role]
        rng.shuffle(group)
        pairs.extend((group[i].key, group[j].key) for i, j in _match_group(group))
    return pairs


def _match_group(group: list[Seeker]) -> list[tuple[int, int]]:
    size = len(group)
    w, node = _weigher(group)
    near = _neighbours(group)
    mate, adjacent = _greedy(size, w, node, near)
    _pair_leftovers(mate, w)
    small = size <= FULL_SCAN_LIMIT
    depth = TOP_SMALL if small else TOP_LARGE
    top = [sorted(edges, key=_by_weight, reverse=True)[:depth] for edges in adjacent]
    cur = [w(i, j) if j is not None else 0 for i, j in enumerate(mate)]
    for _ in range(IMPROVE_PASSES if small else LARGE_PASSES):
        # Every member gets its try in each pass (sum, unlike any, does not stop at a success).
        moved = sum(improve_at(a, mate, cur, w, top) for a in range(size))
        moved += sum(shift_free(u, mate, cur, w, top) for u in free_members(mate))
        if not moved:
            break
    return [(i, j) for i, j in enumerate(mate) if j is not None and i < j]


def _by_weight(edge: tuple[int, int]) -> int:
    return edge[1]


def _weigher(group: list[Seeker]) -> tuple[Callable[[int, int], int], list[int]]:
    """Return a fast weight function over positions in the group (same role assumed)."""
    member = [s.member for s in group]
    level = [s.level for s in group]
    rounds = [s.round for s in group]
    slots = [s.slots for s in group]
    recent = [s.recent or None for s in group]
    node = [node_score(s) for s in group]
    low, high = min(level, default=0), max(level, default=0)
    offset = high - low
    level_cost = [BASE - LEVEL_STEP * abs(d - offset) for d in range(2 * offset + 1)]
    cap = OVERLAP_CAP_SLOTS
    overlap_gain = [-NO_OVERLAP] + [OVERLAP_PER_SLOT * k for k in range(1, cap + 1)]

    def w(i: int, j: int) -> int:
        if member[i] == member[j]:
            return 0
        score = node[i] + node[j] + level_cost[level[i] - level[j] + offset]
        shared = (slots[i] & slots[j]).bit_count()
        score += overlap_gain[shared if shared < cap else cap]
        if rounds[i] == rounds[j]:
            score += SAME_ROUND
        seen_i, seen_j = recent[i], recent[j]
        if (seen_i is not None and member[j] in seen_i) or (
            seen_j is not None and member[i] in seen_j
        ):
            score -= RECENT_PARTNER
        return score if score > 1 else 1

    return w, node


def _neighbours(group: list[Seeker]) -> list[list[int]]:
    """Candidate partners of each position: everyone in a small group, else sorted windows."""
    size = len(group)
    if size <= FULL_SCAN_LIMIT:
        return [[j for j in range(size) if j != i] for i in range(size)]
    found: list[set[int]] = [set() for _ in range(size)]
    first_slot = [(s.slots & -s.slots).bit_length() for s in group]
    orders = (
        lambda i: (group[i].level, group[i].round, first_slot[i]),
        lambda i: (group[i].level, first_slot[i], group[i].slots.bit_count()),
    )
    for order in orders:
        ranked = sorted(range(size), key=order)
        for pos, i in enumerate(ranked):
            for j in ranked[pos + 1 : pos + 1 + WINDOW]:
                found[i].add(j)
                found[j].add(i)
    return [sorted(items) for items in found]


def _greedy(
    size: int, w: Callable[[int, int], int], node: list[int], near: list[list[int]]
) -> tuple[list[int | None], list[list[tuple[int, int]]]]:
    """Take the best-fitting pairs first (what each member brings only breaks ties).

    Also return each member's candidate edges with their weights, for the improvement moves.
    """
    edges = []
    adjacent: list[list[tuple[int, int]]] = [[] for _ in range(size)]
    for i in range(size):
        for j in near[i]:
            if i < j:
                value = w(i, j)
                adjacent[i].append((j, value))
                adjacent[j].append((i, value))
                edges.append((node[i] + node[j] - value, -value, i, j))
    edges.sort()
    mate: list[int | None] = [None] * size
    for _, value, i, j in edges:
        if value < 0 and mate[i] is None and mate[j] is None:
            mate[i], mate[j] = j, i
    return mate, adjacent


def _pair_leftovers(mate: list[int | None], w: Callable[[int, int], int]) -> None:
    """Pair members the candidate edges missed, best pairs first."""
    free = [i for i, m in enumerate(mate) if m is None][:FULL_SCAN_LIMIT]
    edges = sorted((-w(i, j), i, j) for x, i in enumerate(free) for j in free[x + 1 :])
    for value, i, j in edges:
        if value < 0 and mate[i] is None and mate[j] is None:
            mate[i], mate[j] = j, i
