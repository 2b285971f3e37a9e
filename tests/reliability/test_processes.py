"""Three bot processes share one PostgreSQL database through a simulated week of a sprint.

Each is a real OS process (tests/reliability/sprint_worker.py) with its own scheduler ticking
every 20 ms on a clock where a real second is 18 simulated hours; together they must post every
daily question, reveal, weekly leaderboard, recap and practice message exactly once.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.cards import Visibility, plain
from bot.services.hub import Hub
from tests.conftest import TEST_CONTENT, actor
from tests.fakes import FakeClock
from tests.reliability import outcome
from tests.reliability.sprint_worker import Options

WORKER = Path(__file__).with_name("sprint_worker.py")
MONDAY = datetime(2027, 3, 15, 0, 0, tzinfo=UTC)
UNTIL = MONDAY + timedelta(days=7, hours=18)  # the next Monday: weekly board and recap
SPEED = 18 * 3600  # simulated seconds per real second: the week takes about 10 s
PROCESSES = 3


def _settings(url: str) -> Settings:
    return Settings(database_url=url, content_dir=TEST_CONTENT, _env_file=None)  # type: ignore[call-arg]


def _start_sprints(hub: Hub) -> None:
    for community, channel, options in (
        ("g1", "c1", "timezone:Europe/Berlin time:09:00"),
        ("g2", "c2", "timezone:America/New_York time:07:30"),
    ):
        boss = actor("boss", admin=True, community=community, channel=channel)
        reply = hub.command_text(boss, "sprint", f"start Week start:2027-03-15 weeks:1 {options}")
        assert reply.messages[0].visibility is Visibility.CHANNEL, plain(
            reply.messages[0].card.text
        )
    hub.command_text(actor("u1"), "practice", "daily at:07:30 timezone:Asia/Tokyo")


def _command(options: Options) -> list[str]:
    flags = [f"--{name.replace('_', '-')}={value}" for name, value in asdict(options).items()]
    return [sys.executable, str(WORKER), *flags]


def test_three_processes_post_every_scheduled_message_exactly_once(
    postgres_url: str, tmp_path: Path
) -> None:
    hub = prepare(_settings(postgres_url), FakeClock(MONDAY - timedelta(hours=12)))
    _start_sprints(hub)
    base = Options(
        database_url=postgres_url,
        content_dir=str(TEST_CONTENT),
        log="",
        real_start=time.time() + 4,  # every process is up by then; a late one catches up
        sim_start=MONDAY.isoformat(),
        speed=SPEED,
        until=UNTIL.isoformat(),
        tick_seconds=0.02,
    )
    logs = [tmp_path / f"process-{n}.jsonl" for n in range(PROCESSES)]
    workers = [subprocess.Popen(_command(replace(base, log=str(log)))) for log in logs]
    for worker in workers:
        assert worker.wait(timeout=60) == 0

    lines = outcome.read_log(*[log for log in logs if log.exists()])
    work = outcome.by_claim(lines)
    claims = outcome.claims_in_database(hub.engine)
    for key, claim in claims.items():  # nothing doubled
        done = work.get(key, outcome.Work())
        assert len(done.delivered) <= 1, f"{key} was delivered by {dict(done.delivered)}"
        assert sum(done.delivered.values()) == outcome.sent_of(claim), key
    assert set(work) <= set(claims)
    expected = outcome.scheduled(hub.engine, MONDAY, UNTIL - timedelta(hours=1))
    assert set(expected) <= set(claims)  # nothing lost
    assert Counter(kind for _, _, kind, _ in expected) == {
        "daily": 12,  # Monday to Saturday, in two channels
        "reveal": 12,
        "weekly": 2,  # the next Monday
        "recap": 2,
        "practice": 7,  # Tokyo's Monday 07:30 was already due when the week started
    }
    extra = {key for key in set(claims) - set(expected) if key[2] in ("daily", "reveal")}
    assert extra == set()
    deliveries = Counter(line["pid"] for line in lines if line["event"] == "delivered")
    assert len(deliveries) >= 2, f"one process did all the work: {deliveries}"
    print(f"claims by kind: {Counter(kind for _, _, kind, _ in claims)}; by process: {deliveries}")
    hub.engine.dispose()
