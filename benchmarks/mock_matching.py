"""Time mock matching on 10,000 requests and compare its quality with an exact matching.

Run: /tmp/venv/bin/python -m benchmarks.mock_matching [--size 10000] [--instances 50] [--max 300]

1. Speed: 10,000 waiting requests across 4 roles and 6 rounds (goal: under 1 s).
2. Quality: 50 random instances of up to 300 requests, each matched by `match` and by
   networkx's exact maximum-weight matching on the same weights (goal: 98 % of the optimum on
   every instance), with how much faster `match` is.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, datetime

import networkx as nx

from bot.core.matching import Seeker, match, total_weight, weight
from bot.core.mock_availability import parse_availability, week_slots, week_start

ROLES = ("MLE", "SDE", "Applied Scientist", "Data Scientist")
ROUNDS = (
    "online_assessment",
    "phone_screen",
    "onsite_coding",
    "ml_system_design",
    "ml_depth",
    "bar_raiser",
)
ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Kolkata",
)
HOURS = (
    "mon-fri 18:00-21:00",
    "mon-fri 07:00-09:00, sat 10:00-14:00",
    "sat-sun 09:00-17:00",
    "mon wed fri 12:00-14:00",
    "tue thu 19:00-22:00, sun 15:00-18:00",
    "daily 09:00-21:00",
)
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def slot_table() -> list[int]:
    """Every (time zone, hours) combination as week slots, computed once."""
    origin = week_start(NOW)
    return [week_slots(parse_availability(h), z, origin) for z in ZONES for h in HOURS]


def instance(size: int, rng: random.Random, slots: list[int]) -> list[Seeker]:
    """A random set of waiting requests, some with recent partners, no-shows and priority."""
    seekers = []
    for key in range(size):
        recent = frozenset(rng.randrange(size) for _ in range(rng.choice((0, 0, 1, 2, 3))))
        seekers.append(
            Seeker(
                key=key,
                member=key,
                role=rng.choice(ROLES),
                level=rng.choice((0, 1, 1, 2, 2, 3)),
                round=rng.choice(ROUNDS),
                slots=rng.choice(slots),
                waited_hours=rng.uniform(0, 240),
                no_shows=rng.choice((0, 0, 0, 0, 0, 1, 2, 3)),
                priority=rng.random() < 0.05,
                recent=recent - {key},
            )
        )
    return seekers


def exact(seekers: list[Seeker]) -> tuple[int, float]:
    """Return the optimal total weight (networkx) and the seconds it took."""
    graph = nx.Graph()
    for i, a in enumerate(seekers):
        for b in seekers[i + 1 :]:
            value = weight(a, b)
            if value > 0:
                graph.add_edge(a.key, b.key, weight=value)
    started = time.perf_counter()
    best = nx.max_weight_matching(graph)
    seconds = time.perf_counter() - started
    return total_weight(sorted(best), seekers), seconds


def speed(size: int, slots: list[int], runs: int = 3) -> float:
    """Time `match` on one large instance; report the best of a few runs, as timeit does."""
    seekers = instance(size, random.Random(1), slots)
    times, cpu, pairs = [], [], []
    for run in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        pairs = match(seekers, seed=run)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"speed: {size:,} requests ({len(ROLES)} roles, {len(ROUNDS)} rounds), "
        f"{len(pairs):,} pairs in {min(times):.3f} s "
        f"(best of {runs}; worst {max(times):.3f} s; CPU {min(cpu):.3f} s; goal < 1 s)"
    )
    return min(times)


def quality(instances: int, largest: int, slots: list[int]) -> float:
    rng = random.Random(2)
    ratios, speedups = [], []
    for n in range(instances):
        seekers = instance(rng.randint(10, largest), rng, slots)
        started = time.perf_counter()
        ours = total_weight(match(seekers, seed=n), seekers)
        ours_seconds = time.perf_counter() - started
        best, exact_seconds = exact(seekers)
        ratios.append(ours / best if best else 1.0)
        speedups.append(exact_seconds / max(ours_seconds, 1e-9))
    print(
        f"quality: {instances} instances of 10-{largest} requests: worst {min(ratios):.2%}, "
        f"mean {statistics.mean(ratios):.2%} of the exact optimum (goal >= 98 % on every one)"
    )
    print(
        f"speed ratio: match is {statistics.median(speedups):.0f}x faster than networkx "
        f"(median; {min(speedups):.0f}x-{max(speedups):.0f}x)"
    )
    return min(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--instances", type=int, default=50)
    parser.add_argument("--max", type=int, default=300)
    args = parser.parse_args()
    slots = slot_table()
    speed(args.size, slots)
    quality(args.instances, args.max, slots)


if __name__ == "__main__":
    main()
