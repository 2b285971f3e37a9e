"""Time the story feature's hot paths: `python -m benchmarks.story_bench`."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app.hub import Hub
from bot.core.actors import Actor
from bot.core.story import Star, check_story
from bot.core.story_coverage import StoryFacts, coverage
from bot.core.story_review import Candidate, Slot, pick_for_review
from bot.features.story.picture import coverage_png
from bot.features.story.principles import principles
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade

NOW = datetime(2026, 12, 1, tzinfo=UTC)
PART = ("I traced the failing job to a race, took ownership and cut errors by 40 %. " * 40)[:3000]


def timed(label: str, runs: int, work: Callable[[], object]) -> None:
    """Run `work` `runs` times and print the mean time per run."""
    start = time.perf_counter()
    for _ in range(runs):
        work()
    mean = (time.perf_counter() - start) / runs
    print(f"{label:<52} {mean * 1000:9.3f} ms")


def _candidates(count: int) -> list[Candidate]:
    return [
        Candidate(
            i,
            i % 200,
            NOW - timedelta(minutes=i),
            tuple(Slot(r, "done", NOW) for r in range(i % 3)),
        )
        for i in range(count)
    ]


def _hub_with_stories(folder: Path, count: int) -> Hub:

    engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
    upgrade(engine)
    hub = Hub(engine)
    fields = {"title": "T", "situation": PART, "task": PART, "action": PART, "result": PART}
    for n in range(count):
        who = Actor("console", "bench", f"u{n % 100}", f"U{n}")
        opened = hub.command_text(who, "story", "new principle:ownership")
        assert opened.modal is not None
        hub.submit(who, opened.modal.action, opened.modal.value, fields)
    return hub


def main() -> None:
    star = Star(PART, PART, PART, PART)
    picked = [principles()["ownership"], principles()["dive-deep"]]
    timed("check_story, 4 × 3,000-char parts, 2 principles", 200, lambda: check_story(star, picked))
    many = _candidates(5000)
    timed(
        "pick_for_review among 5,000 stories",
        20,
        lambda: pick_for_review(many, 7, wanted=2, now=NOW),
    )
    facts = [StoryFacts(n, (p,), True, 3.0) for n, p in enumerate(principles())]
    shown = coverage(facts)
    timed("coverage_png (720 × 438)", 20, lambda: coverage_png(shown))
    with tempfile.TemporaryDirectory() as folder:
        hub = _hub_with_stories(Path(folder), 300)
        reviewer = Actor("console", "bench", "reviewer", "R")
        timed(
            "/story review through the hub, 300 stories",
            20,
            lambda: hub.command_text(reviewer, "story", "review"),
        )
        writer = Actor("console", "bench", "u1", "U1")
        timed(
            "/story coverage through the hub (PNG included)",
            20,
            lambda: hub.command_text(writer, "story", "coverage"),
        )


if __name__ == "__main__":
    main()
