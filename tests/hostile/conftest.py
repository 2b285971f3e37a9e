"""Fixtures of the hostile-input suite: SQLite hubs with a seeded community B, and the figures."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from bot.app.hub import Hub
from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.actors import Actor
from bot.core.cards import Button, Modal, Reply
from bot.core.clock import Clock
from tests.conftest import TEST_CONTENT
from tests.fakes import FakeClock
from tests.hostile.checks import Problem, Watch
from tests.hostile.figures import FIGURES
from tests.hostile.other import Other, Snapshot, changed, seed_other, snapshot

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
POOL = 300  # buttons and forms remembered for pressing again


def hostile(examples: int) -> settings:
    """Hypothesis settings for this suite: reproducible, no deadline, shared fixtures allowed."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=False,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


def new_hub(url: str, clock: Clock) -> Hub:
    """A ready hub on a fresh database."""
    return prepare(Settings(database_url=url, content_dir=TEST_CONTENT, _env_file=None), clock)  # type: ignore[call-arg]


@pytest.fixture
def hostile_url(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh SQLite file, for speed; HOSTILE_BACKEND=postgresql runs the suite on PostgreSQL."""
    if os.environ.get("HOSTILE_BACKEND") == "postgresql":
        url: str = request.getfixturevalue("postgres_url")
        return url
    return f"sqlite:///{tmp_path / 'hostile.db'}"


@dataclass
class Arena:
    """Community A under fire, community B seeded beside it, and what every answer is checked by."""

    hub: Hub
    other: Other
    adapter: str
    members: tuple[str, ...]  # A's members; the first is an admin
    caplog: pytest.LogCaptureFixture
    secrets: tuple[str, ...]
    before: Snapshot = field(default_factory=dict)
    buttons: list[Button] = field(default_factory=list)
    modals: list[Modal] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Arena({self.adapter})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))  # Hypothesis prints this, not every field

    def watch(self) -> Watch:
        return Watch(frozenset(self.members), self.secrets)

    def remember(self, reply: Reply) -> None:
        """Keep a reply's buttons and form to press or send again later."""
        for message in reply.messages:
            for button in message.card.buttons:
                if button not in self.buttons:
                    self.buttons.append(button)
        if reply.modal is not None and reply.modal not in self.modals:
            self.modals.append(reply.modal)
        del self.buttons[:-POOL], self.modals[:-POOL]

    def settle(self, watch: Watch, sent: int = 1) -> None:
        """Count the inputs, add logged failures to the problems, record them, and fail on any."""
        for record in self.caplog.records:
            if record.levelno >= logging.ERROR:
                watch.flag("exception", f"{record.name}: {record.getMessage()}")
            elif record.name.startswith("bot.adapters") and record.levelno >= logging.WARNING:
                watch.flag("unanswered", f"{record.name}: {record.getMessage()}")
        self.caplog.clear()
        FIGURES.sent(self.adapter, sent)
        FIGURES.record(self.adapter, watch.problems)
        assert not watch.problems, "\n".join(f"{p.kind}: {p.detail}" for p in watch.problems)

    def check_other_untouched(self) -> None:
        """Fail if any row of community B changed since it was seeded."""
        tables = changed(self.before, snapshot(self.hub.engine, self.other.pk))
        problems = [Problem("write", f"rows of B changed in {name}") for name in tables]
        FIGURES.record(self.adapter, problems)
        assert not tables, f"community B's rows changed in {tables}"


def open_arena(
    hub: Hub,
    caplog: pytest.LogCaptureFixture,
    *,
    adapter: str,
    platform: str,
    other_id: str,
    other_users: tuple[str, str, str],
    members: tuple[str, ...],
    secrets: tuple[str, ...] = (),
) -> Arena:
    """Seed community B on the platform and start watching."""
    caplog.set_level(logging.WARNING)
    other = seed_other(hub, platform, other_id, other_users)
    arena = Arena(hub, other, adapter, members, caplog, secrets=(*secrets, "ZQXSECRETB"))
    arena.before = snapshot(hub.engine, other.pk)
    caplog.clear()
    return arena


@pytest.fixture
def hub_arena(hostile_url: str, caplog: pytest.LogCaptureFixture) -> Iterator[Arena]:
    hub = new_hub(hostile_url, FakeClock(START))
    arena = open_arena(
        hub,
        caplog,
        adapter="hub",
        platform="test",
        other_id="beta",
        other_users=("UZQXSECRETB0", "UZQXSECRETB1", "UZQXSECRETB2"),
        members=("UA0", "UA1", "UA2"),
    )
    yield arena
    arena.check_other_untouched()
    hub.engine.dispose()


def actor_of(arena: Arena, user: str, name: str, platform: str = "test") -> Actor:
    """A member of community A (the first member is its admin)."""
    return Actor(
        platform=platform,
        community_id="alpha",
        user_id=user,
        display_name=name,
        channel_id="CA1",
        is_admin=user == arena.members[0],
    )
