"""Hostile lines typed into the console, through its session class in this process."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.console.clock import ConsoleClock
from bot.adapters.console.messenger import ConsoleMessenger
from bot.adapters.console.session import MEMBERS, ConsoleSession
from bot.app.feature import registry_of
from bot.features import FEATURES
from bot.scheduling.delivery import JobRunner
from tests.hostile.conftest import START, Arena, hostile, new_hub, open_arena
from tests.hostile.figures import FIGURES
from tests.hostile.inputs import command_line, commands, hostile_text, numbers, short_text

REGISTRY = registry_of(FEATURES)

WORDS = ("alice", "bob", "carol", "zed", "ALICE", "")
STEPS = ("+1h", "+30m", "+1d", "+2d", "sideways", "+0d", "-1d")
QUIET_LINES = ("/as", "/help")  # console lines that neither move the clock nor touch the hub


@dataclass
class Console:
    """A console session on a hub under fire, with the scheduler ticking between lines."""

    arena: Arena
    session: ConsoleSession
    runner: JobRunner
    loop: asyncio.AbstractEventLoop
    printed: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return "Console()"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def type(self, line: str, more: list[str]) -> tuple[str, int]:
        """Handle one typed line (form lines come from `more`); return the output, lines read.

        The scheduler ticks after every line that could have made work due: not after `/as`
        (switching members) or `/help`, which change nothing a tick could find.
        """
        self.printed.clear()
        rest = iter(more)
        read = [0]

        def lines() -> Iterator[str]:
            for value in rest:
                read[0] += 1
                yield value

        self.session.handle(line.strip(), lines())
        if line.split(" ", 1)[0].strip().lower() not in QUIET_LINES:
            self.loop.run_until_complete(self.runner.tick())
        return "\n".join(self.printed), 1 + read[0]


@pytest.fixture
def console(hostile_url: str, caplog: pytest.LogCaptureFixture) -> Iterator[Console]:
    clock = ConsoleClock(START)
    hub = new_hub(hostile_url, clock)
    arena = open_arena(
        hub,
        caplog,
        adapter="console",
        platform="other",  # the console's scheduler serves every console community
        other_id="beta",
        other_users=("zqxsecretb0", "zqxsecretb1", "zqxsecretb2"),
        members=tuple(MEMBERS),
    )
    printed: list[str] = []
    session = ConsoleSession(hub, printed.append, clock)
    runner = JobRunner(hub.engine, clock, {"console": ConsoleMessenger(session.screen, clock)})
    loop = asyncio.new_event_loop()
    yield Console(arena, session, runner, loop, printed)
    loop.close()
    arena.check_other_untouched()
    hub.engine.dispose()


def one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def typed_line() -> st.SearchStrategy[str]:
    """A line as a member might type it into the console."""
    command = commands().flatmap(lambda c: command_line(c).map(lambda line: f"/{c.group} {line}"))
    return st.one_of(
        command,
        command,
        command,
        short_text().map(lambda text: f"/{text}"),
        hostile_text(),
        st.sampled_from(WORDS).map(lambda who: f"/as {who}"),
        short_text().map(lambda who: f"/as {who}"),
        numbers().map(lambda n: f"/press {n}"),
        st.integers(1, 9).map(lambda n: f"/press {n}"),
        st.one_of(st.sampled_from(STEPS), short_text()).map(lambda step: f"/time {step}"),
        st.just("/help"),
    ).map(one_line)


@hostile(2500)
@given(line=typed_line(), more=st.lists(hostile_text().map(one_line), max_size=5))
def test_any_typed_line_gets_a_clean_answer(console: Console, line: str, more: list[str]) -> None:
    if not line.strip():
        return
    watch = console.arena.watch()
    group = line.strip()[1:].partition(" ")[0].lower() if line.startswith("/") else ""
    if group in REGISTRY.groups():
        FIGURES.reached("console", group)
    output, read = console.type(line, more)
    watch.console(output, line[:60])
    console.arena.settle(watch, read)


@hostile(1000)
@given(
    member=st.sampled_from(tuple(MEMBERS)),
    opener=st.sampled_from(
        (
            "/question",
            "/practice",
            "/story new principle:ownership",
            "/story review",
            "/mock done",
            "/profile forget",
            "/story mine",
            "/question post-now",
            "/question suggest category:coding difficulty:easy",
        )
    ),
    press=st.integers(1, 7),
    more=st.lists(hostile_text().map(one_line), min_size=1, max_size=5),
)
def test_buttons_and_forms_filled_with_hostile_lines_get_clean_answers(
    console: Console, member: str, opener: str, press: int, more: list[str]
) -> None:
    watch = console.arena.watch()
    sent = 0
    for line, lines in ((f"/as {member}", []), (opener, more), (f"/press {press}", more)):
        output, read = console.type(line, lines)
        watch.console(output, line)
        sent += read
    console.arena.settle(watch, sent)
