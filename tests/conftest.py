"""Shared fixtures: a hub on a real SQLite file with a fixed clock and a small question bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.actors import Actor
from bot.services.hub import Hub
from tests.fakes import FakeClock

TEST_CONTENT = Path(__file__).parent / "data" / "content"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'test.db'}",
        content_dir=TEST_CONTENT,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def hub(settings: Settings, clock: FakeClock) -> Hub:
    return prepare(settings, clock)


def actor(
    user: str = "u1",
    *,
    admin: bool = False,
    community: str = "g1",
    channel: str = "c1",
    platform: str = "console",
) -> Actor:
    """A member acting in a channel."""
    return Actor(
        platform=platform,
        community_id=community,
        user_id=user,
        display_name=user.title(),
        channel_id=channel,
        is_admin=admin,
    )
