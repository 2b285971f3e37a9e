"""Moving the clock a long way ticks the scheduler where a tick every minute would have."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app.hub import Hub
from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.cards import plain
from bot.scheduling.delivery import JobRunner
from bot.scheduling.fast_forward import advance, is_due, minutes_between
from tests.conftest import TEST_CONTENT, actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.leaderboard.flow import answer

START = datetime(2026, 12, 12, 11, 0, 23, tzinfo=UTC)  # seconds past the minute, as typed
SPRINT = "start Prep start:2026-12-07 weeks:2 time:09:00 timezone:America/New_York"


class Recorder(FakeMessenger):
    """Remembers when (by the clock) each message went out, and its title."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__("console")
        self.clock = clock
        self.seen: list[tuple[datetime, str]] = []

    async def post(self, community_id: str, message: object) -> str:
        ref = await super().post(community_id, message)  # type: ignore[arg-type]
        self.seen.append((self.clock.now(), plain(self.sent[-1][1].card.title)))
        return ref


def _sprint(folder: Path) -> tuple[Hub, FakeClock, Recorder, JobRunner]:
    clock = FakeClock(START - timedelta(days=7))
    settings = Settings(
        database_url=f"sqlite:///{folder / 'ff.db'}",
        content_dir=TEST_CONTENT,
        _env_file=None,  # type: ignore[call-arg]
    )
    folder.mkdir()
    hub = prepare(settings, clock)
    hub.command_text(actor("alice", admin=True), "sprint", SPRINT)
    clock.set(START)  # a week into the sprint, the day before a mock round closes
    answer(hub, "bob")  # someone took part, so the week's board is posted
    recorder = Recorder(clock)
    return hub, clock, recorder, JobRunner(hub.engine, clock, {"console": recorder})


def test_a_jump_posts_what_a_tick_every_minute_posts_at_the_same_moments(tmp_path: Path) -> None:
    end = START + timedelta(hours=57)
    hub, clock, every_minute, runner = _sprint(tmp_path / "minutes")
    loop = asyncio.new_event_loop()
    for moment in minutes_between(START, end):
        clock.set(moment)
        loop.run_until_complete(runner.tick())
    hub.engine.dispose()
    hub, clock, jumped, runner = _sprint(tmp_path / "jump")
    loop.run_until_complete(
        advance(clock, end, due=is_due(hub.engine, {"console"}), tick=runner.tick)
    )
    loop.close()
    hub.engine.dispose()
    kinds = {title.split(":")[0] for _, title in jumped.seen}
    assert {"Question of the day", "What a strong answer covers", "Mock round"} <= kinds
    assert any(title.startswith("Week of") for _, title in jumped.seen)
    assert jumped.seen == every_minute.seen
