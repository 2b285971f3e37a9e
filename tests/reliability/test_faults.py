"""Kill the bot with SIGKILL around scheduled posts 20 times, restart it, lose and double nothing.

One bot process at a time ticks a JobRunner against SQLite (tests/reliability/sprint_worker.py,
forked from a forkserver so a restart takes milliseconds); another process keeps answering the
day's question through the hub. Each kill is aimed, by a seeded choice, at one step around a
scheduled post: shortly before it is due, right after its claim commits, right after the
platform accepted the message, right after the result is recorded, or shortly after it is due.

What the claim promises (bot/scheduling/claims.py), and so what this test accepts:
- killed before the claim commits: nothing happened; the restarted bot claims and posts it.
- killed after the claim, before delivery: the claim's lease runs out and the restarted bot
  posts it, late but once.
- killed after the platform accepted the message but before `finish` recorded it: nobody can
  tell the message went out, so once the lease runs out it is posted again. The scheduler is
  at-least-once in this window (one platform round trip plus one commit) rather than risk
  losing a post; closing it would take a platform that deduplicates by a key the bot sends.
  A second delivery of a claim is accepted only when the process that first delivered it was
  killed before recording it; any other second delivery fails the test.
Answers the hub acknowledged (it returns after the commit) must all survive every kill. (SQLite
in WAL mode with synchronous=NORMAL keeps every commit through a process crash; only a power
cut could lose the last ones, which this test does not simulate.)
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.bootstrap import prepare
from bot.config import Settings
from bot.features.daily.tables import Answer
from bot.storage.tables import Member
from tests.conftest import TEST_CONTENT, actor
from tests.fakes import FakeClock
from tests.reliability import outcome
from tests.reliability.sprint_worker import Options, answer_forever, clock_of, run

SEED = 20261126
KILLS = 20
MONDAY = datetime(2027, 3, 15, 0, 0, tzinfo=UTC)
POST_TIMES = {"c1": "02:00", "c2": "10:00", "c3": "18:00"}  # UTC: a post every 8 hours
SPEED = 8 * 3600  # a real second is eight simulated hours: a post every second
UNTIL = MONDAY + timedelta(days=7, hours=4)
MEMBERS = ("m1", "m2", "m3", "m4", "m5")
STEPS = ("before", "claimed", "delivered", "recorded", "after")


@dataclass
class Kill:
    step: str
    pid: int
    at: float  # wall-clock time


def _prepare(url: str) -> Engine:
    settings = Settings(database_url=url, content_dir=TEST_CONTENT, _env_file=None)  # type: ignore[call-arg]
    hub = prepare(settings, FakeClock(MONDAY - timedelta(hours=12)))
    for channel, at in POST_TIMES.items():
        boss = actor("boss", admin=True, channel=channel)
        hub.command_text(boss, "sprint", f"start {channel} start:2027-03-15 weeks:1 time:{at}")
    return hub.engine


class Bot:
    """The bot process of the moment: started, killed at a chosen step, started again."""

    def __init__(self) -> None:
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["tests.reliability.sprint_worker"])
        self.options: Options | None = None
        self.process: Any = None

    def warm_up(self) -> None:
        """Start the forkserver, which imports PrepLoop once for every later process."""
        self._spawn(time.sleep, 0)
        self.process.join()

    def start(self) -> None:
        assert self.options is not None
        self._spawn(run, self.options)

    def _spawn(self, target: Callable[..., object], *args: object) -> None:
        self.process = self.context.Process(target=target, args=args)
        self.process.start()

    def kill_at(self, step: str, moment: float, rng: random.Random) -> Kill:
        """SIGKILL the bot at a step around the post due at `moment` (wall-clock time)."""
        if step == "before":
            _sleep_until(moment - rng.uniform(0.0, 0.1))
        elif step == "after":
            _sleep_until(moment + rng.uniform(0.0, 0.1))
        else:
            _sleep_until(moment - 0.15)
            self._wait_for_log(step, deadline=moment + 0.5)
        pid = self.process.pid
        os.kill(pid, signal.SIGKILL)
        self.process.join()
        return Kill(step, pid, time.time())

    def _wait_for_log(self, event: str, deadline: float) -> None:
        assert self.options is not None
        wanted, fresh = f'"event": "{event}"'.encode(), b""
        with open(self.options.log, "rb") as log:
            log.seek(0, os.SEEK_END)  # only what the bot writes from now on
            while wanted not in fresh and time.time() < deadline:
                time.sleep(0.001)
                fresh += log.read()


def _sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.time()))


def _post_moments(engine: Engine) -> list[datetime]:
    due = outcome.scheduled(engine, MONDAY, UNTIL)
    return sorted({at for (_, _, kind, _), at in due.items() if kind in ("daily", "reveal")})


def _kill_twenty_times(bot: Bot, options: Options, posts: list[datetime]) -> list[Kill]:
    rng, clock, kills = random.Random(SEED), clock_of(options), []
    for _ in range(KILLS):
        soon = time.time() + 0.3  # give the restarted bot a moment to start ticking
        post = next(p for p in posts if clock.real_time_of(p) > soon)
        kills.append(bot.kill_at(rng.choice(STEPS), clock.real_time_of(post), rng))
        bot.start()
    return kills


def _check_deliveries(engine: Engine, lines: list[dict[str, Any]], kills: list[Kill]) -> int:
    """Fail on any post lost or doubled; return how many re-posts the kills made acceptable."""
    killed = {kill.pid for kill in kills}
    work, claims = outcome.by_claim(lines), outcome.claims_in_database(engine)
    assert set(work) <= set(claims)
    reposts = 0
    for key, claim in claims.items():
        sent = outcome.sent_of(claim)  # every claim ended done, saying how many messages went
        done = work.get(key, outcome.Work())
        assert len(done.recorded) <= 1, f"{key} recorded by {list(done.recorded)}"
        finisher = next(iter(done.recorded), None)
        for pid, count in done.delivered.items():
            if pid == finisher:
                assert count == sent, f"{key}: {count} delivered, {claim.outcome}"
            else:  # delivered, then killed before recording: the accepted re-post
                assert pid in killed and pid not in done.recorded, f"{key} doubled by {pid}"
                reposts += 1
    expected = outcome.scheduled(engine, MONDAY, UNTIL - timedelta(hours=4))
    assert set(expected) <= set(claims), "a scheduled post was lost"
    days = [key for key in expected if key[2] == "daily"]
    assert len(days) == 18  # one question a day in each of 3 channels, Monday to Saturday
    assert all(outcome.sent_of(claims[key]) == 1 for key in days)
    return reposts


def _check_answers(engine: Engine, lines: list[dict[str, Any]]) -> int:
    """Every answer the hub acknowledged is in the database (the latest one per post)."""
    latest = {(line["member"], int(line["post"])): line["text"] for line in lines}
    with Session(engine) as session:
        rows = session.exec(
            select(Member.external_id, Answer.post_id, Answer.text).where(
                col(Member.id) == Answer.member_id
            )
        )
        stored = {(member, post): text for member, post, text in rows}
    missing = {key: text for key, text in latest.items() if stored.get(key) != text}
    assert missing == {}
    return len(lines)


def test_killing_the_bot_around_posts_loses_nothing_and_doubles_only_unrecorded_posts(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'preploop.db'}"
    engine = _prepare(url)
    bot = Bot()
    bot.warm_up()
    options = bot.options = Options(
        database_url=url,
        content_dir=str(TEST_CONTENT),
        log=str(tmp_path / "bot.jsonl"),
        real_start=time.time() + 0.5,
        sim_start=MONDAY.isoformat(),
        speed=SPEED,
        until=UNTIL.isoformat(),
    )
    Path(options.log).touch()
    answering = bot.context.Process(
        target=answer_forever,
        args=(
            replace(options, log=str(tmp_path / "answers.jsonl"), tick_seconds=0.02),
            MEMBERS,
            tuple(POST_TIMES),
        ),
    )
    answering.start()
    bot.start()
    kills = _kill_twenty_times(bot, options, _post_moments(engine))
    bot.process.join(timeout=30)
    answering.join(timeout=30)
    assert bot.process.exitcode == 0 and answering.exitcode == 0

    reposts = _check_deliveries(engine, outcome.read_log(tmp_path / "bot.jsonl"), kills)
    answered = _check_answers(engine, outcome.read_log(tmp_path / "answers.jsonl"))
    steps = {step: sum(k.step == step for k in kills) for step in STEPS}
    print(
        f"kills by step {steps}; re-posts after a kill between delivery and record: "
        f"{reposts}; acknowledged answers checked: {answered}"
    )
    assert answered > 50
