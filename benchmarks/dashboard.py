"""Time the web dashboard's admin page and public board on a 100k-member, 1M-ledger database.

The database is the /leaderboard benchmark's (benchmarks/leaderboard.py: one community, its
members, ledger rows and scores) plus four weeks of daily posts with their answers, stories
with reviews and mock requests. Server time is measured inside the app (a middleware around
each request's handler), and the whole round trip through aiohttp's test client beside it.

Run: .venv/bin/python -m benchmarks.dashboard [--members 100000] [--rows 1000000] [--runs 200]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import Session, select

from benchmarks.leaderboard import NOW, populate
from bot.app.hub import Hub
from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.actors import Actor
from bot.features.dashboard.api import Site, admin_report, configure_site
from bot.features.mock.tables import MockRequest
from bot.features.story.tables import Story, StoryReview
from bot.storage.tables import Question
from bot.web.server import create_app
from tests.fakes import FakeClock

DAYS = 28
ADMIN = Actor("console", "bench", "admin", display_name="Admin", channel_id="c", is_admin=True)


def add_activity(hub: Hub, members: int, answers_per_day: int) -> None:
    """Four weeks of posts in channel c with answers, stories, reviews and mock requests."""
    rng = random.Random(11)
    with Session(hub.engine) as session:
        questions = list(session.exec(select(Question.id).limit(DAYS)))
        principles = ("ownership", "customer-obsession", "bias-for-action", "dive-deep")
        for n in range(1, 5001):
            ready = NOW - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
            story = Story(
                community_id=1,
                member_id=rng.randint(1, members),
                number=n,
                principles=",".join(rng.sample(principles, 2)),
                title=f"Story {n}",
                ready_at=ready,
            )
            session.add(story)
            session.flush()
            for _ in range(2):
                done = ready + timedelta(hours=rng.randint(2, 96))
                session.add(
                    StoryReview(
                        community_id=1,
                        story_id=story.id,
                        reviewer_id=rng.randint(1, members),
                        status="done" if done < NOW else "open",
                        reviewed_at=done if done < NOW else None,
                    )
                )
        for _ in range(20_000):
            since = NOW - timedelta(days=rng.randint(0, 60))
            member = rng.randint(1, members)
            session.add(
                MockRequest(
                    community_id=1,
                    member_id=member,
                    round="onsite_coding",
                    waiting_since=since,
                    status="waiting",
                )
            )
        session.commit()
    with hub.engine.begin() as conn:
        for day in range(DAYS):
            local = (NOW - timedelta(days=day)).date()
            conn.exec_driver_sql(
                "INSERT INTO dailypost (community_id, channel_id, kind, local_date, question_id, "
                "created_at) VALUES (1, 'c', 'daily', ?, ?, ?)",
                (local, questions[day % len(questions)], NOW),
            )
            post = conn.exec_driver_sql("SELECT max(id) FROM dailypost").scalar()
            who = rng.sample(range(1, members + 1), answers_per_day)
            conn.exec_driver_sql(
                "INSERT INTO answer (post_id, member_id, text, shared, created_at, updated_at) "
                "VALUES (?, ?, 'An answer.', 0, ?, ?)",
                [(post, member, NOW, NOW) for member in who],
            )
        conn.exec_driver_sql("ANALYZE")


def server_timer(timings: dict[str, list[float]]) -> Callable[..., Awaitable[web.StreamResponse]]:
    """A middleware that records each request's time in the app, by page."""

    @web.middleware
    async def timed(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        began = time.perf_counter()
        response = await handler(request)
        page = "admin" if request.path.startswith("/admin") else "board"
        timings[page].append((time.perf_counter() - began) * 1000)
        return response

    return timed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def measure(hub: Hub, admin: str, board: str, runs: int) -> None:
    """Request each page `runs` times; print server and round-trip p50/p95."""
    server: dict[str, list[float]] = {"admin": [], "board": []}
    app = create_app(hub)
    app.middlewares.insert(0, server_timer(server))
    client = TestClient(TestServer(app))
    await client.start_server()
    trips: dict[str, list[float]] = {"admin": [], "board": []}
    try:
        for page, path in (
            ("admin", admin),
            ("board", board + "?period=all"),
            ("board", board + "?period=week"),
        ):
            for _ in range(runs):
                began = time.perf_counter()
                response = await client.get(path)
                await response.read()
                assert response.status == 200, response.status
                trips[page].append((time.perf_counter() - began) * 1000)
    finally:
        await client.close()
    for page, name in (("admin", "admin page"), ("board", "public leaderboard (all time + week)")):
        print(
            f"{name}: server p50 {statistics.median(server[page]):.1f} ms, "
            f"p95 {percentile(server[page], 0.95):.1f} ms; round trip p50 "
            f"{statistics.median(trips[page]):.1f} ms, p95 {percentile(trips[page], 0.95):.1f} ms "
            f"over {len(server[page])} requests"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=3_000, help="answers per day, 28 days")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--database", type=Path, help="reuse (or keep) the database in this file")
    args = parser.parse_args()
    path = args.database or Path(tempfile.mkdtemp()) / "bench.db"
    fresh = not path.exists()
    settings = Settings(database_url=f"sqlite:///{path}", _env_file=None)  # type: ignore[call-arg]
    hub = prepare(settings, FakeClock(NOW))
    if fresh:
        started = time.perf_counter()
        populate(hub, args.members, args.rows)
        add_activity(hub, args.members, args.answers)
        print(
            f"populated {args.members:,} members, {args.rows:,} ledger rows, "
            f"{DAYS * args.answers:,} answers, 5,000 stories, 20,000 mock requests "
            f"in {time.perf_counter() - started:.1f} s"
        )
    configure_site(Site("http://bench"))
    links = []
    for typed in ("", "public on:yes"):
        text = str(hub.command_text(ADMIN, "dashboard", typed).messages[0].card.text)
        found = re.search(r"http://bench(/\S+)", text)
        assert found, text
        links.append(found.group(1))
    asyncio.run(measure(hub, links[0], links[1], args.runs))
    cold_reads(hub, max(args.runs // 10, 5))


def cold_reads(hub: Hub, runs: int) -> None:
    """Time reading the admin page's numbers without the once-a-minute reuse."""
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        with Session(hub.engine) as session:
            assert admin_report(session, 1, NOW) is not None
        timings.append((time.perf_counter() - began) * 1000)
    print(
        f"admin page numbers read afresh (once a minute per community): p50 "
        f"{statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms "
        f"over {runs} reads"
    )


if __name__ == "__main__":
    main()
