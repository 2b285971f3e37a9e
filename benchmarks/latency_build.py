"""Build the latency benchmark's big community fast, inside SQLite, and keep the file.

One community (id 1) of `members` members and about `rows` ledger rows with the scores they
add up to, written by INSERT…SELECT statements that SQLite runs itself (a recursive CTE for the
members, a join of per-member counts with a sequence for the ledger), in one transaction with
the journal and syncing off; the ledger's plain indexes are dropped during the insert and made
again after it. A member's rows are inserted together, so the ledger's unique index grows at
its end instead of at random places. What the rows hold is deterministic: the same sizes give
the same database.
"""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.leaderboard import NOW

FIRST_ID = 1_400_000_000_000_000_000  # members get snowflake-like ids, usable on every platform
CONSOLE_MEMBERS = ("alice", "bob", "carol")
STAMP = "%Y-%m-%d %H:%M:%S"  # with ".000000" appended: how SQLAlchemy stores a DATETIME
DAYS = 61  # the ledger covers this many days up to NOW
POINTS = (  # 10 most often, as a daily answer, and now and then 2, 4, 15 or 30
    "CASE (m * 7 + k * 13) % 7 "
    "WHEN 3 THEN 2 WHEN 4 THEN 4 WHEN 5 THEN 30 WHEN 6 THEN 15 ELSE 10 END"
)


def stamp(moment: object) -> str:
    """A datetime as SQLAlchemy writes it in SQLite."""
    return f"{moment:{STAMP}}.000000"


def fast_pragmas(raw: sqlite3.Connection) -> None:
    """During the build only: no journal, no syncing, a large page cache."""
    raw.execute("PRAGMA journal_mode=OFF")
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("PRAGMA cache_size=-1000000")  # 1 GB
    raw.execute("PRAGMA temp_store=MEMORY")


def build_base(path: Path, members: int, rows: int) -> None:
    """Fill the migrated database at `path` with community 1, its members, ledger and scores."""
    raw = sqlite3.connect(path, isolation_level=None)
    fast_pragmas(raw)
    began = time.perf_counter()
    raw.execute("BEGIN")
    raw.execute(
        "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
        "VALUES (1, 'console', 'local', 'Bench', 'UTC', ?)",
        (stamp(NOW - timedelta(days=400)),),
    )
    _members(raw, members)
    step = time.perf_counter()
    indexes = _drop_ledger_indexes(raw)
    _ledger(raw, members, rows)
    inserted = time.perf_counter() - step
    for sql in indexes:
        raw.execute(sql)
    _scores(raw)
    raw.execute("COMMIT")
    raw.execute("ANALYZE")
    raw.execute("PRAGMA journal_mode=WAL")  # as the app's engine leaves it
    count = raw.execute("SELECT count(*) FROM ledgerentry").fetchone()[0]
    raw.close()
    print(
        f"built {members:,} members and {count:,} ledger rows in "
        f"{time.perf_counter() - began:.0f} s (ledger insert {inserted:.0f} s)"
    )


def _members(raw: sqlite3.Connection, members: int) -> None:
    joined = stamp(NOW - timedelta(days=90))
    raw.execute(
        "WITH RECURSIVE seq(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM seq WHERE m < ?) "
        "INSERT INTO member (id, community_id, external_id, display_name, joined_at, "
        "mock_reminders, reviewer, weekly_digest) "
        f"SELECT m, 1, CAST({FIRST_ID} + m AS TEXT), 'Member ' || m, ?, 1, m % 5 = 0, 1 "
        "FROM seq",
        (members, joined),
    )
    for n, name in enumerate(CONSOLE_MEMBERS, start=1):  # members with points, like the rest
        raw.execute(
            "UPDATE member SET external_id = ?, display_name = ? WHERE id = ?",
            (name, name, n * (members // 4)),
        )


def _drop_ledger_indexes(raw: sqlite3.Connection) -> list[str]:
    """Drop the ledger's plain indexes (not its unique one); return how to make them again."""
    found = raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledgerentry' "
        "AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in found:
        raw.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def _ledger(raw: sqlite3.Connection, members: int, rows: int) -> None:
    """About `rows` rows, a few members with many and most with a handful, member by member."""
    rng = random.Random(7)
    mean = rows / members
    counts = [max(1, int(rng.expovariate(1 / mean) + 0.5)) for _ in range(members)]
    short = rows - sum(counts)
    while short:  # make the total exact
        member = rng.randrange(members)
        if short > 0 or counts[member] > 1:
            counts[member] += 1 if short > 0 else -1
            short += -1 if short > 0 else 1
    raw.execute("CREATE TEMP TABLE counts (m INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
    raw.executemany("INSERT INTO counts VALUES (?, ?)", enumerate(counts, start=1))
    raw.execute("CREATE TEMP TABLE seq (k INTEGER PRIMARY KEY)")
    raw.execute(
        "WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < ?) "
        "INSERT INTO seq SELECT k FROM s",
        (max(counts),),
    )
    now = f"{NOW:{STAMP}}"
    raw.execute(
        "INSERT INTO ledgerentry (community_id, member_id, reason, reference, points, created_at) "
        f"SELECT 1, m, 'daily_answer', 'bench:' || k, {POINTS}, "
        "strftime(?, ?, '-' || ((m * 7919 + k * 104729) % ?) || ' days', "
        "'-' || ((m * 31 + k * 17) % 600) || ' minutes') || '.000000' "
        "FROM counts CROSS JOIN seq WHERE seq.k < counts.n",
        (STAMP, now, DAYS),
    )
    raw.execute("DROP TABLE counts")
    raw.execute("DROP TABLE seq")


def _scores(raw: sqlite3.Connection) -> None:
    """Every member's all-time and weekly totals, as the awards would have added them up."""
    raw.execute(
        "INSERT INTO score (community_id, member_id, period, points) "
        "SELECT 1, member_id, 'all', sum(points) FROM ledgerentry GROUP BY member_id"
    )
    week = "'week:' || date(created_at, '-6 days', 'weekday 1')"
    # Grouped by week first: the unique (community, period, member) index grows in order.
    raw.execute(
        "INSERT INTO score (community_id, member_id, period, points) "
        f"SELECT 1, member_id, {week} AS period, sum(points) FROM ledgerentry "
        "GROUP BY period, member_id"
    )
