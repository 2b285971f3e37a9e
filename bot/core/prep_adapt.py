"""How a prep plan follows the member: missed days fold forward, weak areas come sooner.

Pure functions of the plan's items, the member's self-ratings and today's date; the prep
feature stores what they return.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.core.prep_plan import AREAS, DAY_CAP, REVIEW_DAYS, Item

WEAK_WINDOW = 7  # weak areas move forward within the coming week
RATING_WEIGHT = {"missed": 1.0, "partial": 0.5, "nailed": 0.0}


@dataclass(frozen=True)
class Rated:
    """One of the member's self-ratings: a question, its area, how it went, when it is due."""

    question_id: str
    area: str
    rating: str
    due: date


def adapt(items: list[Item], ratings: Iterable[Rated], today: date, last: date) -> list[Item]:
    """Fold open items of past days into the coming days, then move weak areas forward.

    A day never holds more than DAY_CAP items; an item that fits nowhere before `last` (the day
    before the interview) is marked dropped, so it is reported rather than lost.
    """
    folded = fold_missed(items, today, last)
    return move_weak_forward(folded, weakness(ratings), today, last)


def fold_missed(items: list[Item], today: date, last: date) -> list[Item]:
    """Move each open item of a past day to the first coming day with room, else drop it."""
    load = Counter(item.day for item in items if not item.dropped and item.day >= today)
    out: list[Item] = []
    for item in sorted(items, key=lambda i: (i.day, i.seq)):
        if not item.open or item.day >= today:
            out.append(item)
            continue
        day = _first_free(load, today, last)
        if day is None:
            out.append(replace(item, dropped=True))
        else:
            load[day] += 1
            out.append(replace(item, day=day))
    return sorted(out, key=lambda i: (i.day, i.seq))


def _first_free(load: Counter[date], today: date, last: date) -> date | None:
    day = today
    while day <= last:
        if load[day] < DAY_CAP:
            return day
        day += timedelta(days=1)
    return None


def move_weak_forward(
    items: list[Item], weak: dict[str, float], today: date, last: date
) -> list[Item]:
    """Within the coming week (from tomorrow, before the review week), weak areas come first.

    Only each day's own open question and story items trade places, so every day keeps its
    count and the plan keeps its mix.
    """
    review_from = last - timedelta(days=REVIEW_DAYS - 1)
    end = min(today + timedelta(days=WEAK_WINDOW), review_from)
    movable = [
        i
        for i in items
        if i.open
        and not i.carried
        and i.kind in ("question", "story")
        and today < i.day < end
        and i.question_id is None
    ]
    if not movable or not any(weak.values()):
        return items
    days = sorted(i.day for i in movable)
    ranked = sorted(movable, key=lambda i: (-weak.get(i.area, 0.0), i.day, i.seq))
    moved = {i.seq: replace(i, day=d, slot=d) for i, d in zip(ranked, days, strict=True)}
    return sorted((moved.get(i.seq, i) for i in items), key=lambda i: (i.day, i.seq))


def weakness(ratings: Iterable[Rated]) -> dict[str, float]:
    """Return each rated area's share of misses (a partial counts half), 0 to 1."""
    sums: dict[str, float] = {}
    counts: Counter[str] = Counter()
    for rated in ratings:
        sums[rated.area] = sums.get(rated.area, 0.0) + RATING_WEIGHT.get(rated.rating, 0.0)
        counts[rated.area] += 1
    return {area: sums[area] / counts[area] for area in counts}


def weakest(ratings: Iterable[Rated], count: int = 3) -> list[tuple[str, float, int]]:
    """Return up to `count` areas with a miss or partial: (area, weakness, ratings), worst first."""
    listed = list(ratings)
    weak = weakness(listed)
    sizes = Counter(r.area for r in listed)
    ranked = sorted((a for a in weak if weak[a] > 0), key=lambda a: (-weak[a], AREAS.index(a)))
    return [(area, weak[area], sizes[area]) for area in ranked[:count]]


def credit(items: list[Item], area: str, question_id: str, today: date) -> Item | None:
    """Return the open item a rating of this question completes, if one fits by today."""
    fitting = [
        i
        for i in items
        if i.open and i.day <= today and i.area == area and i.kind in ("question", "review")
    ]
    same = [i for i in fitting if i.question_id == question_id]
    unassigned = [i for i in fitting if i.question_id is None]
    pool = same or unassigned or fitting
    return min(pool, key=lambda i: (i.day, i.seq)) if pool else None


def due_today(items: list[Item], today: date) -> list[Item]:
    """Return the open items of today (its own first, then the ones carried over)."""
    return sorted((i for i in items if i.open and i.day == today), key=lambda i: (i.carried, i.seq))


def choose_question(
    item: Item,
    ratings: list[Rated],
    bank: dict[str, list[str]],
    taken: set[str],
    seed: int,
) -> tuple[str, str] | None:
    """Return (question id, why) for an item: a review picks what the member got wrong first."""
    mine = [r for r in ratings if r.area == item.area and r.question_id not in taken]
    if item.kind == "review":
        wrong = sorted(
            (r for r in mine if r.rating != "nailed"),
            key=lambda r: (-RATING_WEIGHT[r.rating], r.due, r.question_id),
        )
        if wrong:
            return wrong[0].question_id, f"review: you rated it {wrong[0].rating}"
    due = sorted((r for r in mine if r.due <= item.day), key=lambda r: (r.due, r.question_id))
    if due:
        return due[0].question_id, "due for review"
    rated = {r.question_id for r in ratings}
    fresh = sorted(q for q in bank.get(item.area, []) if q not in rated and q not in taken)
    if fresh:
        return fresh[seed % len(fresh)], "new to you"
    known = sorted(q for q in bank.get(item.area, []) if q not in taken) or sorted(
        bank.get(item.area, [])
    )
    return (known[seed % len(known)], "once more") if known else None
