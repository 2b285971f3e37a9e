"""Which question comes next: never a repeat in a community until the pool runs out."""

from __future__ import annotations

import random
from collections.abc import Sequence


def pick_question(pool: Sequence[str], used: Sequence[str], rng: random.Random) -> str | None:
    """Pick an unused id at random; once all are used, the one used longest ago."""
    if not pool:
        return None
    seen = set(used)
    fresh = sorted(qid for qid in pool if qid not in seen)
    if fresh:
        return rng.choice(fresh)
    last_use = {qid: index for index, qid in enumerate(used)}
    return min(pool, key=lambda qid: (last_use.get(qid, -1), qid))
