"""Lines that used to stop `preploop console`, typed into its session in this process."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.console.clock import ConsoleClock
from bot.adapters.console.session import ConsoleSession
from bot.bootstrap import prepare
from bot.config import Settings
from tests.conftest import TEST_CONTENT


@pytest.fixture
def session(tmp_path: Path) -> ConsoleSession:
    clock = ConsoleClock()
    url = f"sqlite:///{tmp_path / 'console.db'}"
    hub = prepare(Settings(database_url=url, content_dir=TEST_CONTENT, _env_file=None), clock)  # type: ignore[call-arg]
    return ConsoleSession(hub, lambda _: None, clock)


@pytest.mark.parametrize("number", ["²", "9" * 5000, "١٢", "0x1"])
def test_a_button_number_that_is_not_a_small_number_gets_the_press_help(
    session: ConsoleSession, number: str
) -> None:
    printed: list[str] = []
    session.out = printed.append
    session.handle("/question", iter(()))
    session.handle(f"/press {number}", iter(()))
    assert printed[-1] == "  Press a button by its number: /press 1 to /press 5."
