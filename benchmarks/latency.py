"""Command latency per adapter on a community of 100k members and 1M ledger rows.

A mix of every command group (/question, /leaderboard and its week and all-time periods,
/profile, /practice, /mock request and status, /story review and mine, /sprint status) and
button presses (Hint, a self-rating, the strong answer) goes through the console session, the
Slack bolt app (signed requests, a fake Web API) and the Discord client (INTERACTION_CREATE
payloads, a fake REST API); see benchmarks/latency_drivers.py for what is timed. Goal on
SQLite: p50 <= 5 ms, p99 <= 25 ms.

Run: python -m benchmarks.latency [--members 100000] [--rows 1000000] [--events 600]
     [--postgres]   (also copy the database into a throwaway PostgreSQL server and run again)
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, update
from sqlmodel import col

from benchmarks import latency_drivers as drivers
from benchmarks.leaderboard import NOW, populate
from bot.adapters.console.clock import ConsoleClock
from bot.app.hub import Hub
from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.actors import Actor
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.tables import Community
from tests.adapters.discord.harness import CHANNEL, GUILD
from tests.adapters.slack.fake_slack import CHANNEL as SLACK_CHANNEL

FIRST_ID = 1_400_000_000_000_000_000  # members get snowflake-like ids, usable on every platform
ACTIVE = 200  # members who send the events (Slack caches each one's admin status)
CONSOLE_MEMBERS = ("alice", "bob", "carol")


def build(folder: Path, members: int, rows: int) -> tuple[Hub, ConsoleClock]:
    """A SQLite hub whose community 1 holds `members` members and `rows` ledger rows."""
    clock = ConsoleClock(NOW)
    settings = Settings(database_url=f"sqlite:///{folder / 'latency.db'}", _env_file=None)  # type: ignore[call-arg]
    hub = prepare(settings, clock)
    started = time.perf_counter()
    populate(hub, members, rows)
    with hub.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE member SET external_id = CAST({FIRST_ID} + id AS TEXT)")
        for n, name in enumerate(CONSOLE_MEMBERS, start=1):  # members with points, like the rest
            conn.exec_driver_sql(
                "UPDATE member SET external_id = ? WHERE id = ?", (name, n * (members // 4))
            )
    took = time.perf_counter() - started
    print(f"populated {members:,} members and {rows:,} ledger rows in {took:.0f} s")
    return hub, clock


def move_community(engine: Engine, platform: str, external_id: str) -> None:
    """Let the big community be the console's, the Slack workspace or the Discord server."""
    moved = update(Community).where(col(Community.id) == 1)
    with engine.begin() as conn:
        conn.execute(moved.values(platform=platform, external_id=external_id))


def run_all(hub: Hub, clock: ConsoleClock, members: int, events: int, backend: str) -> None:
    """Run the mix through every adapter and print the figures."""
    rng = random.Random(11)
    users = [str(FIRST_ID + n) for n in rng.sample(range(1, members + 1), ACTIVE)]
    instant = drivers.InstantHub(hub.engine, clock=clock)
    move_community(hub.engine, "console", "local")
    report(backend, "console", drivers.console(hub, clock, events, rng))
    move_community(hub.engine, "slack", "T1")
    pressed = drivers.buttons_for(hub, Actor("slack", "T1", users[0], channel_id=SLACK_CHANNEL))
    report(backend, "slack", asyncio.run(drivers.slack(hub, users, events, rng, pressed)))
    floor = asyncio.run(drivers.slack(instant, users, events, rng, pressed))
    report(backend, "slack", floor, "adapter and fake Slack alone (a hub answering at once)")
    move_community(hub.engine, "discord", GUILD)
    pressed = drivers.buttons_for(hub, Actor("discord", GUILD, users[0], channel_id=CHANNEL))
    report(
        backend, "discord", asyncio.run(drivers.discord_client(hub, users, events, rng, pressed))
    )
    floor = asyncio.run(drivers.discord_client(instant, users, events, rng, pressed))
    report(backend, "discord", floor, "adapter and fake Discord alone (a hub answering at once)")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def report(backend: str, adapter: str, timings: drivers.Timings, floor: str = "") -> None:
    every = [ms for _, ms in timings]
    print(
        f"{backend:<10} {adapter:<8} {len(every):>5} events: p50 {statistics.median(every):6.2f} ms"
        f"   p99 {percentile(every, 0.99):6.2f} ms   max {max(every):6.2f} ms"
    )
    if floor:
        print(f"    ^ {floor}")
        return
    kinds = sorted({kind for kind, _ in timings})
    by_kind = {k: [ms for kind, ms in timings if kind == k] for k in kinds}
    print(
        "    p50 by event: "
        + ", ".join(f"{k} {statistics.median(v):.2f}" for k, v in by_kind.items())
    )


def on_postgres(sqlite: Hub, clock: ConsoleClock, members: int, events: int) -> None:
    """Copy the populated database into a throwaway PostgreSQL server and run the mix there."""
    from bot.storage.transfer import copy_database
    from tests import pg_cluster

    reason = pg_cluster.missing()
    if reason:
        print(f"postgresql: skipped ({reason})")
        return
    bin_dir = pg_cluster.find_bin_dir()
    assert bin_dir is not None
    cluster = pg_cluster.start_cluster(bin_dir)
    try:
        cluster.execute("CREATE DATABASE latency")
        engine = make_engine(cluster.url("latency"))
        started = time.perf_counter()
        copy_database(sqlite.engine, engine)  # ends with VACUUM ANALYZE
        print(f"copied into PostgreSQL in {time.perf_counter() - started:.0f} s")
        upgrade(engine)
        run_all(Hub(engine, clock=clock), clock, members, events, "postgresql")
        engine.dispose()
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=600)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    hub, clock = build(Path(tempfile.mkdtemp()), args.members, args.rows)
    run_all(hub, clock, args.members, args.events, "sqlite")
    if args.postgres:
        on_postgres(hub, clock, args.members, args.events)


if __name__ == "__main__":
    main()
