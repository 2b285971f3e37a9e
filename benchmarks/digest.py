"""Time the weekly digest: finding who is due among 20,000 members, and building one digest.

Run: .venv/bin/python -m benchmarks.digest [--communities 200] [--members 100] [--runs 20]

The finder runs on every scheduler tick (once a minute), so it must be cheap: outside the
Sunday-evening-to-Wednesday-morning UTC window it reads nothing; inside it, one query for the
members whose digest is on and not yet sent this week, one for the practice DM times, and a
due check per distinct (zone, time). Members are spread over six zones; a third have a
practice DM time; each has a few awards over the last two weeks.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session

from bot.bootstrap import prepare
from bot.config import Settings
from bot.features.digest.scheduled import build_digests, find_digests
from bot.features.leaderboard.api import ALL_TIME, week_period
from bot.features.practice.scheduled import find_practice_work
from bot.scheduling.claims import Due, Finder, Look
from tests.fakes import FakeClock

MONDAY = datetime(2026, 12, 7, tzinfo=UTC)
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Tokyo", "America/Denver")
TIMES = ("07:30", "08:00", "12:00", "18:00", "21:00")


def populate(engine: Any, communities: int, members: int) -> None:
    """Insert communities, members, practice times, awards and scores in bulk."""
    rng = random.Random(7)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
            "VALUES (?, 'console', ?, 'Bench', ?, ?)",
            [(c, f"g{c}", ZONES[c % len(ZONES)], MONDAY) for c in range(1, communities + 1)],
        )
        rows, prefs, ledger, scores = [], [], [], {}
        for c in range(1, communities + 1):
            for n in range(members):
                member = (c - 1) * members + n + 1
                zone = rng.choice((None, *ZONES))
                rows.append((member, c, f"u{member}", f"Member {member}", zone, MONDAY))
                if rng.random() < 0.33:
                    prefs.append((member, c, rng.choice(TIMES), zone or ZONES[c % len(ZONES)]))
                for k in range(rng.randint(0, 6)):
                    when = MONDAY - timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 23))
                    points = rng.choice((10, 12, 15, 30))
                    ledger.append((c, member, f"bench:{member}:{k}", points, when))
                    for period in (ALL_TIME, week_period(when.date())):
                        scores[(c, member, period)] = scores.get((c, member, period), 0) + points
        conn.exec_driver_sql(
            "INSERT INTO member (id, community_id, external_id, display_name, timezone, "
            "mock_reminders, reviewer, weekly_digest, joined_at) "
            "VALUES (?, ?, ?, ?, ?, 1, 0, 1, ?)",
            rows,
        )
        conn.exec_driver_sql(
            "INSERT INTO practicepref (member_id, community_id, enabled, at_time, timezone) "
            "VALUES (?, ?, 1, ?, ?)",
            prefs,
        )
        conn.exec_driver_sql(
            "INSERT INTO ledgerentry (community_id, member_id, reason, reference, points, "
            "created_at) VALUES (?, ?, 'daily_answer', ?, ?, ?)",
            ledger,
        )
        conn.exec_driver_sql(
            "INSERT INTO score (community_id, member_id, period, points) VALUES (?, ?, ?, ?)",
            [(c, m, p, v) for (c, m, p), v in scores.items()],
        )
        conn.exec_driver_sql("ANALYZE")


def timed(work: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median and worst milliseconds of `runs` calls, and the last result."""
    timings, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = work()
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings), max(timings), result


def find(engine: Any, moment: datetime, finder: Finder = find_digests) -> list[Due]:
    found: list[Due] = []
    with Session(engine) as session:
        finder(session, Look(moment, frozenset({"console"})), found)
    return found


def report(engine: Any, label: str, moment: datetime, runs: int) -> None:
    """Print how long finding the due digests takes at a moment."""
    median, worst, found = timed(lambda: find(engine, moment), runs)
    count = len(found) if isinstance(found, list) else 0
    print(f"find due digests, {label}: {median:.1f} ms median, {worst:.1f} ms worst; {count:,} due")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=200)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--build", type=int, default=500)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    settings = Settings(database_url=f"sqlite:///{folder / 'bench.db'}", _env_file=None)  # type: ignore[call-arg]
    hub = prepare(settings, FakeClock(MONDAY))
    populate(hub.engine, args.communities, args.members)
    total = args.communities * args.members
    print(f"{total:,} members in {args.communities} communities (SQLite, {folder})")
    for label, moment in (
        ("Thursday (no zone has a digest due)", MONDAY + timedelta(days=3, hours=12)),
        ("Monday 04:00 UTC (most not yet due)", MONDAY + timedelta(hours=4)),
        ("Monday 13:00 UTC (many due)", MONDAY + timedelta(hours=13)),
    ):
        report(hub.engine, label, moment, args.runs)
    dues = find(hub.engine, MONDAY + timedelta(hours=13))
    with hub.engine.begin() as conn:  # as if every digest due by 13:00 had gone out
        conn.exec_driver_sql(
            "INSERT INTO jobclaim (community_id, channel_id, kind, key, claimed_at, lease_until, "
            "done_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, 'ok (1 sent)')",
            [(d.community_id, d.channel_id, d.kind, d.key, MONDAY, MONDAY, MONDAY) for d in dues],
        )
    later = MONDAY + timedelta(hours=13, minutes=1)
    report(hub.engine, "Monday 13:01 UTC (those due by 13:00 sent)", later, args.runs)
    median, _, _ = timed(lambda: find(hub.engine, later, find_practice_work), args.runs)
    print(f"for scale, the practice DM finder on every tick: {median:.1f} ms median")
    dues = dues[: args.build]
    clock = FakeClock(MONDAY + timedelta(hours=13))
    with Session(hub.engine) as session:
        began = time.perf_counter()
        built = build_digests(session, clock, dues)
        spent = (time.perf_counter() - began) * 1000
    sent = sum(1 for messages in built.values() if messages)
    print(
        f"build {len(dues)} digests ({sent} with news): {spent:.0f} ms, "
        f"{spent / max(len(dues), 1):.2f} ms a digest"
    )


if __name__ == "__main__":
    main()
