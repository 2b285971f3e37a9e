"""The console adapter: `preploop console`."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from typing import TextIO

from bot.adapters.console.clock import ConsoleClock
from bot.adapters.console.messenger import ConsoleMessenger
from bot.adapters.console.session import MEMBERS, ConsoleSession
from bot.jobs import JobRunner
from bot.services.hub import Hub

WELCOME = (
    "PrepLoop console: a local study channel #study with members {members}.\n"
    "You are alice (admin). Try /question, /help, /as bob, /time +1d. /quit leaves."
)


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
        yield line


def run_console(
    hub: Hub, clock: ConsoleClock, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> int:
    """Run the local channel on stdin/stdout until /quit or end of input."""

    def out(text: str) -> None:
        print(text, file=stdout, flush=True)

    session = ConsoleSession(hub, out, clock)
    messenger = ConsoleMessenger(out, session.remember_buttons)
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    loop = asyncio.new_event_loop()
    out(WELCOME.format(members=", ".join(MEMBERS)))
    lines = _lines(stdin, session)
    try:
        for line in lines:
            if not stdin.isatty():
                out(f"{session.member}> {line}")
            if line.strip() in ("/quit", "/exit"):
                break
            session.handle(line.strip(), lines)
            # Scheduled work (daily posts, reveals, practice) runs between typed lines.
            loop.run_until_complete(runner.tick())
    finally:
        loop.close()
    out("Bye.")
    return 0
