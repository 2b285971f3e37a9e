"""`/story review` with thousands of waiting stories: `python -m benchmarks.story_review_bench`.

Seeds one community with 5,000 ready stories of about 12 KB each (written straight to the
database; the form path is timed elsewhere), then times `/story review` through the hub for
reviewers who each get a story offered, and prints p50 and p95.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session

from bot.app.hub import Hub
from bot.core.actors import Actor
from bot.core.clock import Clock
from bot.features.story.tables import Story
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.tables import Community, Member

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
PART = ("I traced the failing job to a race, took ownership and cut errors by 40 %. " * 40)[:3000]
AUTHORS = 100


class Fixed(Clock):
    """The benchmark's clock: one moment, so every run sees the same waiting stories."""

    def now(self) -> datetime:
        return NOW


def seed(engine: object, stories: int) -> None:
    """One console community, `AUTHORS` authors and `stories` ready stories of ~12 KB."""
    with Session(engine) as session:  # type: ignore[call-overload]
        community = Community(platform="console", external_id="bench", name="Bench")
        session.add(community)
        session.flush()
        members = [
            Member(community_id=community.id, external_id=f"u{n}", display_name=f"U{n}")
            for n in range(AUTHORS)
        ]
        session.add_all(members)
        session.flush()
        numbers: dict[int, int] = {}
        for n in range(stories):
            author = members[n % AUTHORS]
            assert author.id is not None
            numbers[author.id] = numbers.get(author.id, 0) + 1
            at = NOW - timedelta(minutes=stories - n)
            session.add(
                Story(
                    community_id=community.id,
                    member_id=author.id,
                    number=numbers[author.id],
                    principles="ownership",
                    title=f"Story {n}",
                    situation=PART,
                    task=PART,
                    action=PART,
                    result=PART,
                    ready_at=at,
                    created_at=at,
                    updated_at=at,
                )
            )
        session.commit()


def percentile(samples: list[float], share: float) -> float:
    """The sample below which `share` of the samples fall."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(stories: int = 5000, runs: int = 200) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        upgrade(engine)
        seed(engine, stories)
        hub = Hub(engine, clock=Fixed())
        reviewers = [Actor("console", "bench", f"reviewer{n}", f"R{n}") for n in range(runs)]
        floor = []
        for reviewer in reviewers:  # members already: the timing is the review, not the joining
            start = time.perf_counter()
            hub.command_text(reviewer, "story", "mine")
            floor.append((time.perf_counter() - start) * 1000)
        samples, cpu = [], []
        for reviewer in reviewers:
            # A new reviewer each run: every run picks (and assigns) a fresh story.
            start, start_cpu = time.perf_counter(), time.process_time()
            reply = hub.command_text(reviewer, "story", "review")
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert reply.messages and "Review this story" in str(reply.messages[0].card.title)
        engine.dispose()
    report(f"/story review, {stories:,} waiting stories of ~12 KB, SQLite, {runs} runs", samples)
    report("  the same, CPU time of this process (steadier on a busy machine)", cpu)
    report("/story mine with no stories (the hub's floor, for scale)", floor)


def report(label: str, samples: list[float]) -> None:
    """Print the median and the 95th percentile of the samples."""
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    print(f"{label}: p50 {p50:.2f} ms · p95 {p95:.2f} ms")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:]))
