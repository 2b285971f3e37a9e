"""Local improvement of a matching: moves along short alternating cycles and paths.

A matching is `mate` (each position's partner, or None) with `cur` (the weight of each
position's current pair); `top` lists each position's best candidates with their weights.
Every move applies only when it raises the total weight.
"""

from __future__ import annotations

from collections.abc import Callable

PATH_DEPTH = 4
Weigh = Callable[[int, int], int]
Top = list[list[tuple[int, int]]]


def improve_at(
    a: int,
    mate: list[int | None],
    cur: list[int],
    w: Weigh,
    top: Top,
) -> bool:
    """Apply the first gain found from a: a partner swap, a replacement, or a 3-pair rotation.

    Each move follows an alternating cycle or path through a's pair: a takes c; c's partner d
    takes e (or is freed); e's partner f takes a's old partner b (or b is freed).
    """
    b = mate[a]
    if b is None:
        return False
    for c, w_ac in top[a]:
        d = mate[c]
        if c == b or d == a:
            continue
        if d is None:
            if w_ac > cur[a]:
                _link(mate, cur, (a, c, w_ac))
                _free(mate, cur, b)
                return True
            continue
        w_bd = w(b, d)
        if w_ac + w_bd > cur[a] + cur[c]:
            _link(mate, cur, (a, c, w_ac), (b, d, w_bd))
            return True
        if _rotate(a, b, c, d, w_ac, mate, cur, w, top):
            return True
    return False


def _rotate(
    a: int,
    b: int,
    c: int,
    d: int,
    w_ac: int,
    mate: list[int | None],
    cur: list[int],
    w: Weigh,
    top: Top,
) -> bool:
    """With a taking c, let d take e and e's partner f take b (or free b), if that gains."""
    before = cur[a] + cur[c]
    for e, w_de in top[d]:
        if e in (a, b, c):
            continue
        f = mate[e]
        if f is None:
            if w_ac + w_de > before:
                _link(mate, cur, (a, c, w_ac), (d, e, w_de))
                _free(mate, cur, b)
                return True
            continue
        w_fb = w(f, b)
        if w_ac + w_de + w_fb > before + cur[e]:
            _link(mate, cur, (a, c, w_ac), (d, e, w_de), (f, b, w_fb))
            return True
    return False


def free_members(mate: list[int | None]) -> list[int]:
    """Positions without a partner."""
    return [i for i, j in enumerate(mate) if j is None]


def shift_free(
    u: int,
    mate: list[int | None],
    cur: list[int],
    w: Weigh,
    top: Top,
) -> bool:
    """Let an unpaired member in along the best short alternating path that frees someone else."""
    if mate[u] is not None:
        return False
    best: tuple[int, list[int]] = (0, [])

    def walk(end: int, path: list[int], gain: int) -> None:
        nonlocal best
        if len(path) >= 2 * PATH_DEPTH:
            return
        for c, w_ec in top[end]:
            d = mate[c]
            if d is None or c in path or d in path or c == u:
                continue
            step = gain + w_ec - cur[c]
            if step > best[0]:
                best = (step, [*path, c, d])
            walk(d, [*path, c, d], step)

    walk(u, [], 0)
    if not best[1]:
        return False
    route = [u, *best[1]]
    pairs = [(route[k], route[k + 1]) for k in range(0, len(route) - 1, 2)]
    _link(mate, cur, *((i, j, w(i, j)) for i, j in pairs))
    _free(mate, cur, route[-1])
    return True


def _link(mate: list[int | None], cur: list[int], *pairs: tuple[int, int, int]) -> None:
    for i, j, value in pairs:
        mate[i], mate[j] = j, i
        cur[i] = cur[j] = value


def _free(mate: list[int | None], cur: list[int], i: int) -> None:
    mate[i], cur[i] = None, 0
