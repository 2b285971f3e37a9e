"""The daily fan-out to N communities due in one minute, by 3 processes sharing one PostgreSQL.

A throwaway PostgreSQL server is started the way the tests start one (tests/pg_cluster.py),
N communities are created, each with a sprint whose first question is due now, and `--processes`
bot processes (spawned, each with its own engine and connections, prepared the way `preploop
run` prepares) each run one JobRunner.tick of that same minute against fake platforms that
answer after a round trip (`--rtt`, 100 ms) and hold requests back as the platforms' limits do:

- Discord: 50 requests a second for the whole bot. The processes share one bot token, so they
  share that limit: the fake platform's limiter lives in the parent process and every process
  asks it (through a multiprocessing manager) when its request may start. The processes run as
  `preploop run` runs them with Discord: DISCORD_SHARD_COUNT=3 and a shard each, so each
  delivers only its own guilds (guild ids are spread evenly over the shards) at its share of
  50/s (bot/runner.py discord_shares).
- Slack: about 1 message a second per channel; each community is its own workspace and channel.
  Every process serves every workspace, as `preploop run` does; the claims decide who posts.
  A channel's posts can only come from the process that claimed its work, so each process keeps
  that limit itself; the check afterwards would count a second post to a channel as a post twice.

It prints the wall time from the common start to the last answer, the least time the limits
allow, the ratio (goal: within 1.1x), posts, CPU and database-thread time per process, and
checks exactly-once twice: from the database's claims (one done claim per community) and from
what the fake platforms received (one post per community and channel, none missing), plus the
limits themselves (no second of more than 50 Discord requests across all processes, no two
posts to one Slack channel less than a second apart).

For Slack the limits allow the whole fan-out in one round trip, so PrepLoop's own work (finding,
claiming and building, recording) bounds it; as in benchmarks/fanout_ratelimit.py the wall time
is also set against the busiest process's own work (its database thread's busy time) plus one
round trip.

Run: python -m benchmarks.fanout_processes [--communities 1000] [--platforms discord,slack]
     [--processes 3] [--rtt 0.1] [--split]   (--split: an experiment, Slack workspaces split
     over the processes by a hash, as Discord's shards split guilds; `preploop run` does not)
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import multiprocessing
import os
import resource
import secrets
import subprocess
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.managers import BaseManager
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.engine import Connection

from benchmarks.daily_fanout import START
from benchmarks.fanout_ratelimit import (
    DISCORD_PER_SECOND,
    PACES,
    SLACK_CHANNEL_SECONDS,
    TimedRunner,
    least_time,
)
from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.actors import Actor
from bot.core.cards import Message
from bot.core.ports import Messenger
from bot.features.sprints.tables import Sprint
from bot.runner import discord_shares
from bot.scheduling import claims
from bot.scheduling.claims import CLAIMS
from bot.storage import uow
from bot.storage.engine import make_engine
from bot.storage.tables import Community
from tests import pg_cluster
from tests.fakes import FakeClock

SHARD_SHIFT = 22  # a Discord snowflake's shard is (id >> 22) % count
COPY_ROWS = 2000  # rows per multi-row INSERT when populating


# --- the fake platforms' limits --------------------------------------------------------------


class GlobalLimit:
    """Discord's global limit, for every process at once: when may a request start."""

    def __init__(self, per_second: int) -> None:
        self.per_second = per_second
        self.starts: collections.deque[float] = collections.deque()

    def slot(self, now: float) -> float:
        """Book the earliest moment at or after `now` (time.monotonic, the same in every
        process on Linux) that keeps every second at `per_second` requests or fewer."""
        while self.starts and self.starts[0] <= now - 1.0:
            self.starts.popleft()
        start = now
        if len(self.starts) >= self.per_second:
            start = max(now, self.starts[-self.per_second] + 1.0)
        self.starts.append(start)
        return start


class LimitsManager(BaseManager):
    """Serves the one GlobalLimit to every bot process."""


_LIMIT = GlobalLimit(DISCORD_PER_SECOND)


def _the_limit() -> GlobalLimit:
    return _LIMIT


LimitsManager.register("limit", callable=_the_limit)


@dataclass
class Received:
    """What the fake platform took from one process: each post's place and when it started."""

    posts: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    starts: list[tuple[float, str]] = field(default_factory=list)


class SharedLimitMessenger(Messenger):
    """Deliver after a round trip, never faster than the platform's limit allows.

    Discord asks the limiter every process shares; Slack keeps its per-channel limit here.
    """

    def __init__(self, platform: str, rtt: float, shared: Any | None) -> None:
        self.platform = platform
        self.rtt = rtt
        self.shared = shared
        self.channel_last: dict[tuple[str, str | None], float] = {}
        self.lock = asyncio.Lock()
        self.received = Received()

    async def post(self, community_id: str, message: Message) -> str:
        async with self.lock:  # take a place under the limit, in arrival order
            start = self._slot(community_id, message.channel, time.monotonic())
        await asyncio.sleep(max(0.0, start - time.monotonic()) + self.rtt)
        self.received.posts.append((community_id, message.channel, message.marker))
        self.received.starts.append((start, f"{community_id}/{message.channel}"))
        return f"{self.platform}-{len(self.received.posts)}"

    def _slot(self, community_id: str, channel: str | None, now: float) -> float:
        if self.shared is not None:
            start: float = self.shared.slot(now)
            return start
        key = (community_id, channel)
        start = max(now, self.channel_last.get(key, -1e9) + SLACK_CHANNEL_SECONDS)
        self.channel_last[key] = start
        return start


# --- the database ----------------------------------------------------------------------------


def populate(url: str, platform: str, communities: int) -> None:
    """Create N communities of `platform`, each with a sprint whose first post is due now.

    One sprint is started the way an admin starts it; the others are copies of its rows,
    inserted a few thousand a statement (any database; benchmarks.daily_fanout's is SQLite's).
    Discord guild ids are snowflakes spread evenly over the shards.
    """
    settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
    hub = prepare(settings, FakeClock(START))
    admin = Actor("console", "c0", "admin", channel_id="study", is_admin=True)
    hub.command_text(admin, "sprint", "start Bench start:2026-12-01 time:08:00")
    community_table, sprint_table = Community.__table__, Sprint.__table__  # type: ignore[attr-defined]
    with hub.engine.begin() as conn:
        first = dict(conn.execute(select(community_table)).mappings().one())
        sprint = dict(conn.execute(select(sprint_table)).mappings().one())
        del first["id"], sprint["id"]
        rows = [
            {**first, "platform": platform, "external_id": _external_id(platform, n)}
            for n in range(1, communities)
        ]
        ids = _insert_returning_ids(conn, community_table, rows)
        _insert_many(conn, sprint_table, [{**sprint, "community_id": i} for i in ids])
        conn.execute(
            community_table.update()
            .where(community_table.c.external_id == "c0")
            .values(platform=platform, external_id=_external_id(platform, communities))
        )
    hub.engine.dispose()


def _external_id(platform: str, n: int) -> str:
    return str(n << SHARD_SHIFT) if platform == "discord" else f"T{n:06d}"


def _insert_returning_ids(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    ids: list[int] = []
    for start in range(0, len(rows), COPY_ROWS):
        chunk = rows[start : start + COPY_ROWS]
        ids += [row[0] for row in conn.execute(insert(table).values(chunk).returning(table.c.id))]
    return ids


def _insert_many(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), COPY_ROWS):
        conn.execute(insert(table).values(rows[start : start + COPY_ROWS]))


class FanoutRunner(TimedRunner):
    """A TimedRunner that also notes how long finding the due work took, and how much it found."""

    found = 0
    finding = 0.0
    claim_failures = 0

    def _find(self) -> list[claims.Due]:
        began = time.perf_counter()
        due = super()._find()
        self.finding += time.perf_counter() - began
        self.found = len(due)
        return due

    async def _claim_safely(
        self, database: Any, batch: list[claims.Due]
    ) -> list[claims.Work] | None:
        works = await super()._claim_safely(database, batch)
        self.claim_failures += works is None
        return works


# --- one bot process -------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one process did in its tick."""

    index: int
    done: int
    began: float  # time.monotonic
    ended: float
    cpu: float  # process CPU seconds during the tick
    own: float  # seconds its database thread spent on transactions
    found: int  # due work its tick found
    finding: float  # seconds finding it took
    claim_failures: int  # batches whose claim transaction failed (lost its race every retry)
    lost_races: int  # transactions run again because PostgreSQL refused to serialize them
    received: Received


def worker(
    index: int,
    processes: int,
    url: str,
    platform: str,
    rtt: float,
    split: bool,
    address: Any,
    authkey: bytes,
    ready: Any,
    start_at: Any,
    results: Any,
) -> None:
    """Prepare as `preploop run` does, wait for the common start, tick once, report."""
    settings = Settings(  # type: ignore[call-arg]
        database_url=url,
        discord_shard_count=processes if platform == "discord" else None,
        discord_shard_ids=[index] if platform == "discord" else None,
        _env_file=None,
    )
    clock = FakeClock(START)
    hub = prepare(settings, clock)
    lost = _count_lost_races()
    shared = None
    if platform == "discord":
        manager = LimitsManager(address=address, authkey=authkey)
        manager.connect()
        shared = manager.limit()  # type: ignore[attr-defined]
    messenger = SharedLimitMessenger(platform, rtt, shared)
    owns, paces = discord_shares(settings) if platform == "discord" else ({}, {})
    if split and platform == "slack":
        owns = {"slack": partial(_ours, index, processes)}
    runner = FanoutRunner(
        hub.engine,
        clock,
        {platform: messenger},
        owns=owns,
        paces={platform: PACES[platform], **paces},
    )
    ready.put(index)
    moment = start_at.get()
    time.sleep(max(0.0, moment - time.monotonic()))
    cpu, began = time.process_time(), time.monotonic()
    done = asyncio.run(runner.tick())
    ended = time.monotonic()
    cpu = time.process_time() - cpu
    results.put(
        Outcome(
            index,
            done,
            began,
            ended,
            cpu,
            runner.own_work,
            runner.found,
            runner.finding,
            runner.claim_failures,
            len(lost),
            messenger.received,
        )
    )
    hub.engine.dispose()


def _count_lost_races() -> list[float]:
    """Note every pause bot.storage.uow.transact takes after a lost race (one list item each)."""
    pauses: list[float] = []
    original = uow.pause

    def counted(attempt: int) -> float:
        pauses.append(original(attempt))
        return pauses[-1]

    uow.pause = counted  # type: ignore[assignment]
    return pauses


def _ours(index: int, processes: int, workspace: str) -> bool:
    """With --split: whether a Slack workspace is this process's to serve."""
    return zlib.crc32(workspace.encode()) % processes == index


# --- the run and its checks ------------------------------------------------------------------


@dataclass
class Check:
    """Exactly-once and the limits, as the database and the platforms saw them."""

    claims_done: int
    claims_twice: int
    claims_missing: int
    claims_not_ok: int
    posts_twice: int
    posts_missing: int
    limit_broken: int


def check(engine: Engine, platform: str, communities: int, outcomes: Sequence[Outcome]) -> Check:
    """Count every claim and every post per community and channel."""
    with engine.connect() as conn:
        table = Community.__table__  # type: ignore[attr-defined]
        refs: dict[int, str] = dict(
            conn.execute(
                select(table.c.id, table.c.external_id).where(table.c.platform == platform)
            ).all()
        )
        claims = conn.execute(
            select(CLAIMS.c.community_id, CLAIMS.c.channel_id, CLAIMS.c.done_at, CLAIMS.c.outcome)
        ).all()
    per_channel = Counter((c.community_id, c.channel_id) for c in claims)
    posts = Counter(
        (community, channel) for o in outcomes for community, channel, _ in o.received.posts
    )
    expected = {(ref, "study") for ref in refs.values()}
    # a post is keyed by the community's external id (what the messenger is given)
    return Check(
        claims_done=sum(1 for c in claims if c.done_at is not None),
        claims_twice=sum(1 for n in per_channel.values() if n > 1),
        claims_missing=len(set(refs) - {community for community, _ in per_channel}),
        claims_not_ok=sum(1 for c in claims if not str(c.outcome).startswith("ok")),
        posts_twice=sum(1 for n in posts.values() if n > 1),
        posts_missing=len(expected - set(posts)),
        limit_broken=_limit_broken(platform, [s for o in outcomes for s in o.received.starts]),
    )


def _limit_broken(platform: str, starts: list[tuple[float, str]]) -> int:
    """How many requests started where the platform would have refused them."""
    broken = 0
    if platform == "discord":
        moments = sorted(moment for moment, _ in starts)
        for n in range(DISCORD_PER_SECOND, len(moments)):
            broken += moments[n] - moments[n - DISCORD_PER_SECOND] < 1.0 - 1e-6
        return broken
    last: dict[str, float] = {}
    for moment, channel in sorted(starts):
        broken += moment - last.get(channel, -1e9) < SLACK_CHANNEL_SECONDS - 1e-6
        last[channel] = moment
    return broken


def run(cluster: pg_cluster.Cluster, platform: str, communities: int, args: Any) -> None:
    """Populate a fresh database, run the processes' tick, print the figures and the checks."""
    name = f"fanout_{platform}_{os.getpid()}"
    cluster.execute(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    url = cluster.url(name)
    began = time.perf_counter()
    populate(url, platform, communities)
    populated = time.perf_counter() - began
    print(f"  {platform}: {communities} communities populated in {populated:.1f} s")
    context = multiprocessing.get_context("spawn")
    authkey = secrets.token_bytes(16)
    manager = LimitsManager(address=("127.0.0.1", 0), authkey=authkey, ctx=context)
    manager.start()
    access = manager.address, authkey
    queues = ready, start_at, results = context.Queue(), context.Queue(), context.Queue()
    workers = [
        context.Process(
            target=worker,
            args=(n, args.processes, url, platform, args.rtt, args.split, *access, *queues),
        )
        for n in range(args.processes)
    ]
    for process in workers:
        process.start()
    for _ in workers:
        ready.get(timeout=600)
    load = _load()
    moment = time.monotonic() + 0.5
    for _ in workers:
        start_at.put(moment)
    outcomes = sorted((results.get(timeout=3600) for _ in workers), key=lambda o: o.index)
    for process in workers:
        process.join()
    manager.shutdown()
    _report(platform, communities, moment, outcomes, args.rtt, load)
    engine = make_engine(url)
    print(f"  {check(engine, platform, communities, outcomes)}")
    engine.dispose()
    cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _report(
    platform: str,
    communities: int,
    start: float,
    outcomes: Sequence[Outcome],
    rtt: float,
    load: str,
) -> None:
    sent = sum(len(o.received.posts) for o in outcomes)
    wall = max(o.ended for o in outcomes) - start
    least = least_time(platform, sent, communities, rtt)
    own = max(o.own for o in outcomes)
    print(
        f"{platform:<8} {len(outcomes)} processes: {sent} messages in {wall:7.2f} s; "
        f"the limits allow {least:6.2f} s ({wall / least:5.2f}x); against the busiest "
        f"process's own work plus one round trip ({own:.2f} + {rtt:.2f} s): "
        f"{wall / max(least, own + rtt):.2f}x   [load before: {load}; after: {_load()}]"
    )
    for o in outcomes:
        print(
            f"  process {o.index}: found {o.found} in {o.finding:.2f} s, {o.done} claimed, "
            f"{len(o.received.posts)} posted; {o.lost_races} lost races retried, "
            f"{o.claim_failures} claims given up; "
            f"tick {o.began - start:+.2f} s to {o.ended - start:7.2f} s, CPU {o.cpu:6.2f} s, "
            f"database thread busy {o.own:6.2f} s"
        )
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"  CPU of all finished children so far: {children.ru_utime + children.ru_stime:.1f} s")


def _load() -> str:
    return (
        subprocess.run(["uptime"], capture_output=True, text=True)
        .stdout.split("average:")[-1]
        .strip()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=1000)
    parser.add_argument("--platforms", default="discord,slack")
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--rtt", type=float, default=0.1)
    parser.add_argument(
        "--split",
        action="store_true",
        help="Slack: each process claims only a third of the workspaces (by a hash of the "
        "workspace id), as Discord's shards split guilds; `preploop run` does not do this",
    )
    args = parser.parse_args()
    reason = pg_cluster.missing()
    bin_dir = pg_cluster.find_bin_dir()
    if reason or bin_dir is None:
        raise SystemExit(reason)
    print(
        f"{args.communities} communities due in one minute, {args.processes} processes on "
        f"PostgreSQL, {args.rtt * 1000:.0f} ms per platform round trip"
    )
    cluster = pg_cluster.start_cluster(bin_dir)
    try:
        for platform in args.platforms.split(","):
            run(cluster, platform, args.communities, args)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
