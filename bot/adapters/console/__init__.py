"""The console adapter: `preploop console`."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from bot.adapters.console.clock import ConsoleClock
from bot.adapters.console.messenger import ConsoleMessenger
from bot.adapters.console.screen import Screen
from bot.adapters.console.session import ConsoleSession, members
from bot.app.hub import OOPS, Hub
from bot.scheduling.delivery import JobRunner
from bot.scheduling.fast_forward import advance, is_due

WELCOME = (
    "PrepLoop console: a local study channel #study with members {members}.\n"
    "You are alice (admin). Try /question, /help, /as bob, /time +1d. /quit leaves."
)


@dataclass(frozen=True)
class Options:
    """How the console starts: who is there, where files go, and where lines come from."""

    members: int = 3
    files: Path | None = None
    script: TextIO | None = None


def _lines(stream: TextIO, session: ConsoleSession) -> Iterator[str]:
    interactive = stream.isatty()
    while True:
        if interactive:
            try:
                line = input(f"{session.member}> ")
            except EOFError:
                return
        else:
            raw = stream.readline()
            if not raw:
                return
            line = raw.rstrip("\n")
        if line.startswith("#"):  # a comment (a script's narration): shown, never run or read
            session.out(line)
            continue
        yield line


def _names(people: list[str]) -> str:
    shown = ", ".join(people[:10])
    return shown if len(people) <= 10 else f"{shown} and {len(people) - 10} more"


class _Watched:
    """An output that remembers whether anything went wrong on the bot's side."""

    def __init__(self, stdout: TextIO) -> None:
        self.stdout = stdout
        self.failed = False

    def __call__(self, text: str) -> None:
        self.failed = self.failed or OOPS.split(",")[0] in text
        print(text, file=self.stdout, flush=True)


def run_console(
    hub: Hub,
    clock: ConsoleClock,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    options: Options | None = None,
) -> int:
    """Run the local channel until /quit or end of input; 1 if a script hit a failure."""
    options = options or Options()
    out = _Watched(stdout)
    screen = Screen(out, files=options.files)
    runner = JobRunner(
        hub.engine, clock, {"console": ConsoleMessenger(screen, clock)}, metrics=hub.metrics
    )
    loop = asyncio.new_event_loop()
    due = is_due(hub.engine, {"console"})

    def travel(end: datetime) -> int:
        return loop.run_until_complete(advance(clock, end, due=due, tick=runner.tick))

    people = members(options.members)
    session = ConsoleSession(hub, out, clock, screen=screen, people=people, travel=travel)
    source = options.script or stdin
    out(WELCOME.format(members=_names(list(people))))
    lines = _lines(source, session)
    try:
        for line in lines:
            if not source.isatty():
                out(f"{session.member}> {line}")
            if line.strip() in ("/quit", "/exit"):
                break
            session.handle(line.strip(), lines)
            # Scheduled work (daily posts, reveals, practice) runs between typed lines.
            loop.run_until_complete(runner.tick())
    finally:
        loop.close()
    out("Bye.")
    return 1 if options.script is not None and out.failed else 0
