"""Time /leaderboard on a SQLite database with 100k members and 1M ledger rows.

Run: .venv/bin/python -m benchmarks.leaderboard [--members 100000] [--rows 1000000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app.hub import Hub
from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.actors import Actor
from bot.features.leaderboard.ledger import ALL_TIME, week_period
from tests.fakes import FakeClock

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


def populate(hub: Hub, members: int, rows: int) -> None:
    """Insert one community, its members, ledger rows and the matching scores in bulk."""
    rng = random.Random(7)
    with hub.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
            "VALUES (1, 'console', 'bench', 'Bench', 'UTC', ?)",
            (NOW,),
        )
        conn.exec_driver_sql(
            "INSERT INTO member (id, community_id, external_id, display_name, joined_at) "
            "VALUES (?, 1, ?, ?, ?)",
            [(m, f"u{m}", f"Member {m}", NOW) for m in range(1, members + 1)],
        )
        totals: dict[tuple[int, str], int] = {}
        batch = []
        for n in range(rows):
            member = rng.randint(1, members)
            when = NOW - timedelta(days=rng.randint(0, 60))
            points = rng.choice((10, 10, 10, 2, 4, 30, 15))
            batch.append((member, f"bench:{n}", points, when))
            for period in (ALL_TIME, week_period(when.date())):
                totals[(member, period)] = totals.get((member, period), 0) + points
            if len(batch) == 50_000:
                _ledger(conn, batch)
                batch = []
        _ledger(conn, batch)
        conn.exec_driver_sql(
            "INSERT INTO score (community_id, member_id, period, points) VALUES (1, ?, ?, ?)",
            [(m, p, v) for (m, p), v in totals.items()],
        )
        conn.exec_driver_sql("ANALYZE")


def _ledger(conn: object, batch: list[tuple[int, str, int, datetime]]) -> None:
    if not batch:
        return
    conn.exec_driver_sql(  # type: ignore[attr-defined]
        "INSERT INTO ledgerentry (community_id, member_id, reason, reference, points, created_at) "
        "VALUES (1, ?, 'daily_answer', ?, ?, ?)",
        batch,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    settings = Settings(database_url=f"sqlite:///{folder / 'bench.db'}", _env_file=None)  # type: ignore[call-arg]
    hub = prepare(settings, FakeClock(NOW))
    started = time.perf_counter()
    populate(hub, args.members, args.rows)
    print(
        f"populated {args.members:,} members and {args.rows:,} ledger rows "
        f"in {time.perf_counter() - started:.1f} s"
    )
    for period in ("all", "week"):
        timings = []
        for _ in range(args.runs):
            who = Actor("console", "bench", f"u{random.randint(1, args.members)}", channel_id="c")
            began = time.perf_counter()
            reply = hub.command_text(who, "leaderboard", f"period:{period}")
            timings.append((time.perf_counter() - began) * 1000)
        assert "Leaderboard" in str(reply.messages[0].card.title)
        timings.sort()
        print(
            f"/leaderboard period:{period}: p50 {statistics.median(timings):.2f} ms, "
            f"p99 {timings[int(len(timings) * 0.99) - 1]:.2f} ms over {args.runs} calls "
            "(whole command: transaction, member lookup, top 10, own rank)"
        )


if __name__ == "__main__":
    main()
