"""Command latency per adapter on one big community (100k members and 1M ledger rows by default).

The community also has a running sprint, a mock queue, stories waiting for review and weeks of
answers (benchmarks/latency_seed.py), built fast inside SQLite (benchmarks/latency_build.py).
A mix of every command group (/question, /leaderboard and its week and all-time periods,
/profile, /practice, /mock request and status, /story review and mine, /sprint status) and
button presses (Hint, a self-rating, the strong answer) goes through the console session, the
Slack bolt app (signed requests, a fake Web API) and the Discord client (INTERACTION_CREATE
payloads, a fake REST API); see benchmarks/latency_drivers.py for what is timed. Goal on
SQLite: p50 <= 5 ms, p99 <= 25 ms.

Run: python -m benchmarks.latency [--members 100000] [--rows 1000000] [--events 600]
     [--database FILE]   (build the database into FILE once, and reuse it when it is there)
     [--postgres]   (also copy the database into a throwaway PostgreSQL server and run again)
At 1M members and 10M rows: --members 1000000 --rows 10000000 --database /tmp/big.db (the
build takes about 5 minutes on a busy 2-core box; later runs reuse the file).
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
from benchmarks.latency_build import CONSOLE_MEMBERS, FIRST_ID, build_base
from benchmarks.latency_seed import CHANNEL as CONSOLE_CHANNEL
from benchmarks.latency_seed import seed, seeded
from benchmarks.leaderboard import NOW
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
from tests.replies import reply_text

ACTIVE = 200  # members who send the events (Slack caches each one's admin status)
ADMINS = 20  # of them, the admins who send the admin commands (/sprint status)
RATE_LIMIT = 1_000_000  # per member a minute: the limiter runs, but never refuses an event


def active_members(members: int) -> list[int]:
    """The member ids the events come from: `ACTIVE` drawn at random, and the console's three."""
    drawn = random.Random(11).sample(range(1, members + 1), ACTIVE)
    return [*drawn, *(n * (members // 4) for n in range(1, len(CONSOLE_MEMBERS) + 1))]


def build(path: Path, members: int, rows: int) -> tuple[Hub, ConsoleClock]:
    """A SQLite hub whose community 1 holds `members` members and `rows` ledger rows.

    The file is reused when it exists (the sizes are then the ones it was built with), so only
    the first run pays for the build; the community's sprint, mock queue, stories and answers
    are added to it once.
    """
    clock = ConsoleClock(NOW)
    settings = Settings(
        database_url=f"sqlite:///{path}",
        rate_limit_per_minute=RATE_LIMIT,
        _env_file=None,  # type: ignore[call-arg]
    )
    fresh = not path.exists()
    hub = prepare(settings, clock)
    if fresh:
        hub.engine.dispose()
        build_base(path, members, rows)
    else:
        print(f"reusing {path}")
    if not seeded(hub):
        seed(hub, members, active_members(members))
    return hub, clock


def move_community(engine: Engine, platform: str, external_id: str, channel: str) -> None:
    """Let the big community be the console's, the Slack workspace or the Discord server.

    Its study channel (the sprint's, the daily posts') becomes that platform's channel.
    """
    moved = update(Community).where(col(Community.id) == 1)
    with engine.begin() as conn:
        conn.execute(moved.values(platform=platform, external_id=external_id))
        for table in ("sprint", "dailypost"):
            conn.exec_driver_sql(
                f"UPDATE {table} SET channel_id = ? WHERE community_id = 1", (channel,)
            )


def run_all(hub: Hub, clock: ConsoleClock, members: int, events: int, backend: str) -> None:
    """Run the mix through every adapter and print the figures."""
    rng = random.Random(11)
    users = [str(FIRST_ID + n) for n in active_members(members)[:ACTIVE]]
    crowd = drivers.Crowd(users, set(users[:ADMINS]))
    instant = drivers.InstantHub(hub.engine, clock=clock)
    move_community(hub.engine, "console", "local", CONSOLE_CHANNEL)
    report(backend, "console", drivers.console(hub, clock, events, rng))
    move_community(hub.engine, "slack", "T1", SLACK_CHANNEL)
    pressed = drivers.buttons_for(hub, Actor("slack", "T1", users[0], channel_id=SLACK_CHANNEL))
    report(backend, "slack", asyncio.run(drivers.slack(hub, crowd, events, rng, pressed)))
    floor = asyncio.run(drivers.slack(instant, crowd, events, rng, pressed))
    report(backend, "slack", floor, "adapter and fake Slack alone (a hub answering at once)")
    move_community(hub.engine, "discord", GUILD, CHANNEL)
    pressed = drivers.buttons_for(hub, Actor("discord", GUILD, users[0], channel_id=CHANNEL))
    report(
        backend, "discord", asyncio.run(drivers.discord_client(hub, crowd, events, rng, pressed))
    )
    floor = asyncio.run(drivers.discord_client(instant, crowd, events, rng, pressed))
    report(backend, "discord", floor, "adapter and fake Discord alone (a hub answering at once)")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def report(backend: str, adapter: str, timings: drivers.Timings, floor: str = "") -> None:
    """Print p50 and p99 of the wall time (and the CPU time beside it), then per event kind."""
    wall, cpu = [w for _, w, _ in timings], [c for _, _, c in timings]
    print(
        f"{backend:<10} {adapter:<8} {len(wall):>5} events: p50 {statistics.median(wall):6.2f} ms"
        f"   p99 {percentile(wall, 0.99):6.2f} ms   max {max(wall):6.2f} ms"
        f"   (CPU p50 {statistics.median(cpu):.2f} ms, p99 {percentile(cpu, 0.99):.2f} ms)"
    )
    if floor:
        print(f"    ^ {floor}")
        return
    for kind in sorted({kind for kind, _, _ in timings}):
        of = [(w, c) for k, w, c in timings if k == kind]
        print(
            f"    {kind:<20} {len(of):>4}: p50 {statistics.median(w for w, _ in of):6.2f} ms"
            f"  p99 {percentile([w for w, _ in of], 0.99):6.2f} ms"
            f"  CPU p50 {statistics.median(c for _, c in of):5.2f} ms"
        )


def show_samples(hub: Hub) -> None:
    """Print what each command of the mix answers, once, as an active member (on the console)."""
    member, admin = CONSOLE_MEMBERS[1], CONSOLE_MEMBERS[0]
    for kind, (group, text) in drivers.COMMANDS.items():
        who = admin if kind in drivers.ADMIN_KINDS else member
        actor = Actor("console", "local", who, channel_id=CONSOLE_CHANNEL, is_admin=who == admin)
        shown = reply_text(hub.command_text(actor, group, text)).strip()
        lines = [line for line in shown.splitlines() if line.strip()]
        print(f"--- {kind} (as {who}):\n    " + "\n    ".join(lines[:8]))


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
    parser.add_argument("--database", type=Path, help="reuse (or keep) the database in this file")
    args = parser.parse_args()
    path = args.database or Path(tempfile.mkdtemp()) / "latency.db"
    hub, clock = build(path, args.members, args.rows)
    move_community(hub.engine, "console", "local", CONSOLE_CHANNEL)
    show_samples(hub)
    run_all(hub, clock, args.members, args.events, "sqlite")
    if args.postgres:
        on_postgres(hub, clock, args.members, args.events)


if __name__ == "__main__":
    main()
