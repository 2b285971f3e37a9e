"""The per-member rate limit in `preploop console`: one friendly word, then a minute."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.adapters.console.clock import ConsoleClock
from bot.adapters.console.session import ConsoleSession
from bot.bootstrap import prepare
from bot.config import Settings

TOO_FAST = "You're going a bit fast. Try again in 3 seconds."
START = datetime(2026, 12, 7, 10, tzinfo=UTC)


@pytest.fixture
def console(settings: Settings) -> tuple[ConsoleSession, ConsoleClock, list[str]]:
    """A console over the hub as production builds it (20 a minute per member), as bob."""
    clock = ConsoleClock(START)
    hub = prepare(settings.model_copy(update={"rate_limit_per_minute": 20}), clock)
    printed: list[str] = []
    session = ConsoleSession(hub, printed.append, clock)
    session.handle("/as bob", iter(()))
    return session, clock, printed


def _type(session: ConsoleSession, printed: list[str], line: str) -> str:
    """Type one line; return everything it printed."""
    start = len(printed)
    session.handle(line, iter(()))
    return "\n".join(printed[start:])


def test_the_21st_command_gets_the_friendly_word_and_a_minute_later_it_works(
    console: tuple[ConsoleSession, ConsoleClock, list[str]],
) -> None:
    session, clock, printed = console
    said = [_type(session, printed, "/story mine") for _ in range(21)]
    assert not any(TOO_FAST in s for s in said[:20])
    assert TOO_FAST in said[20]
    clock.set(START + timedelta(minutes=1))
    assert "going a bit fast" not in _type(session, printed, "/story mine")


def test_presses_after_the_friendly_word_print_nothing(
    console: tuple[ConsoleSession, ConsoleClock, list[str]],
) -> None:
    session, _, printed = console
    _type(session, printed, "/question")
    for _ in range(19):
        _type(session, printed, "/story mine")
    presses = [_type(session, printed, "/press 2") for _ in range(4)]
    assert TOO_FAST in presses[0]
    assert "going a bit fast" not in "".join(presses[1:])


def test_the_console_admin_is_not_limited(
    console: tuple[ConsoleSession, ConsoleClock, list[str]],
) -> None:
    session, _, printed = console
    _type(session, printed, "/as alice")
    said = [_type(session, printed, "/story mine") for _ in range(25)]
    assert not any("going a bit fast" in s for s in said)


def test_a_member_cannot_change_the_limits(
    console: tuple[ConsoleSession, ConsoleClock, list[str]],
) -> None:
    session, _, printed = console
    said = _type(session, printed, "/admin limits rate:600")
    assert "Only community admins can use that command." in said
