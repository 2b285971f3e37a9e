"""A PrepLoop bot process for the reliability tests: a JobRunner on an accelerated clock.

Started as a module from the repository's root (`python -m tests.reliability.sprint_worker
--help`) or, for fast restarts after SIGKILL, forked from a forkserver that has already imported
PrepLoop (`run(options)`). Either way it is a separate OS process with its own database
connections. Given members (`--members`), a thread of the process also lets them use the bot
through the Hub while the scheduler ticks (tests/reliability/traffic.py), as the platform
listeners of `preploop run` share a process with its scheduler.

The clock is shared by arithmetic, not by messages: every process maps real (wall-clock) time to
simulated time from the same origin, `speed` simulated seconds per real second, so processes
started at different moments agree on what time it is.

The fake platform writes every message it accepts to a JSON-lines log and fsyncs it before
answering, as a real platform would keep a message it accepted. The log also gets a line when
work is claimed ("claimed", after the claim commits) and when it is recorded as done
("recorded", after that commits), so a test can tell where a process was when it was killed.

Several processes agree on when the simulated week starts through `--start-file`: each logs
"ready" once it has prepared (migrations, content), then waits for the test to write the
wall-clock start time there, so a slow start never makes a process miss the first posts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import threading
import time
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import MISSING, dataclass, fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot import features
from bot.app.hub import Hub
from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.actors import Actor
from bot.core.cards import Message, Reply, plain
from bot.core.clock import Clock
from bot.core.ports import Messenger
from bot.scheduling import claims
from bot.scheduling.delivery import JobRunner
from tests.reliability.fake_platform import Channels, Log, shown
from tests.reliability.traffic import Traffic, read_people

assert features.FEATURES  # every feature is imported now, so that a forked worker starts warm

CURRENT: ContextVar[claims.Due | None] = ContextVar("current_due", default=None)


@dataclass(frozen=True)
class Options:
    database_url: str
    content_dir: str
    log: str  # JSON lines: claimed, delivered, recorded (or answered, for the answering member)
    real_start: float  # wall-clock time (time.time()) at which the simulated clock reads sim_start
    sim_start: str  # ISO 8601, with an offset
    speed: float  # simulated seconds per real second
    until: str  # ISO 8601: stop once the simulated clock passes it
    lease_seconds: float = 0.4  # the claim lease, in real seconds (see run())
    delivery_seconds: float = 0.03  # one platform round trip, in real seconds
    tick_seconds: float = 0.01  # real seconds between two scheduler ticks
    start_file: str = ""  # when set: log "ready", then take real_start from this file
    members: str = ""  # members this process serves (tests/reliability/traffic.py people_text)
    platform_logs: str = ""  # every process's log, comma-separated: what the members read
    member_pause: float = 0.02  # real seconds between two member actions
    halt_file: str = ""  # while this file exists, the process freezes right after each delivery


class AcceleratedClock(Clock):
    """Simulated time: from `real_start` on, `speed` simulated seconds pass every real second."""

    def __init__(self, real_start: float, sim_start: datetime, speed: float) -> None:
        self.real_start, self.sim_start, self.speed = real_start, sim_start, speed

    def now(self) -> datetime:
        elapsed = max(0.0, time.time() - self.real_start)  # it stands at sim_start until then
        return self.sim_start + timedelta(seconds=elapsed * self.speed)

    def real_time_of(self, moment: datetime) -> float:
        """Return the wall-clock time at which the simulated clock reads `moment`."""
        return self.real_start + (moment - self.sim_start).total_seconds() / self.speed


def clock_of(options: Options) -> AcceleratedClock:
    """Return the shared clock these options describe."""
    start = datetime.fromisoformat(options.sim_start)
    return AcceleratedClock(options.real_start, start, options.speed)


def claim_of(due: claims.Due) -> dict[str, object]:
    """The unique key of a piece of scheduled work, as the database claims it."""
    return {
        "community": due.community_id,
        "channel": due.channel_id,
        "kind": due.kind,
        "key": due.key,
    }


class RecordingMessenger(Messenger):
    """A platform that keeps every message it accepts in the log before it answers.

    Its history is every process's log: `find` looks there for a message with the marker.
    The fault hook `halt_file` freezes the process right after the platform accepted a
    message, before the bot hears back (so before it can record it), for a test to kill it.
    """

    platform = "console"

    def __init__(
        self, log: Log, clock: Clock, delay: float, history: Sequence[str], halt_file: str = ""
    ) -> None:
        self.log, self.clock, self.delay = log, clock, delay
        self.history, self.halt_file = history, halt_file
        self.sent = 0

    async def find(self, community_id: str, message: Message) -> str | None:
        for line in _delivered(self.history):
            if line.get("marker") == message.marker and line["community_ref"] == community_id:
                due = CURRENT.get()
                self.log.write("found", **(claim_of(due) if due else {}), ref=line["ref"])
                return str(line["ref"])
        return None

    async def post(self, community_id: str, message: Message) -> str:
        await asyncio.sleep(self.delay / 2)  # the request travels to the platform
        due = CURRENT.get()
        self.sent += 1
        ref = f"msg-{os.getpid()}-{self.sent}"
        self.log.write(
            "delivered",
            **(claim_of(due) if due else {}),
            community_ref=community_id,
            ref=ref,
            marker=message.marker,
            **shown(message),
            sim=self.clock.now().isoformat(),
        )
        _halt_if_asked(self.halt_file)
        await asyncio.sleep(self.delay / 2)  # the platform's answer travels back
        return ref


def _halt_if_asked(path: str) -> None:
    """Freeze the whole process, as a stalled machine would, while the halt file exists."""
    while path and os.path.exists(path):
        time.sleep(0.005)


def _delivered(paths: Sequence[str]) -> list[dict[str, Any]]:
    """Every delivered line of these logs (the lines written completely so far)."""
    lines = []
    for path in paths:
        try:
            with open(path, "rb") as log:
                whole = log.read()
        except FileNotFoundError:
            continue
        for raw in whole[: whole.rfind(b"\n") + 1].splitlines():
            line = json.loads(raw)
            if line["event"] == "delivered":
                lines.append(line)
    return lines


class ObservedRunner(JobRunner):
    """The real JobRunner; it only tells the log which claim is being worked on, and when."""

    def __init__(self, hub: Hub, clock: Clock, messenger: RecordingMessenger, log: Log) -> None:
        super().__init__(hub.engine, clock, {messenger.platform: messenger})
        self.log = log

    async def _run(self, work: claims.Work, outcomes: Any) -> None:
        token = CURRENT.set(work.due)
        try:
            await super()._run(work, outcomes)
        finally:
            CURRENT.reset(token)

    def _claim(self, batch: list[claims.Due]) -> list[claims.Work]:
        works = super()._claim(batch)
        for work in works:
            self.log.write("claimed", **claim_of(work.due), messages=len(work.messages))
        return works

    def _record(self, batch: list[claims.Result]) -> list[tuple[claims.Due, list[Message]]]:
        alerts = super()._record(batch)
        for due, refs, error in batch:
            self.log.write("recorded", **claim_of(due), sent=len(refs), error=error)
        return alerts


def _hub(options: Options, clock: Clock) -> Hub:
    settings = Settings(
        database_url=options.database_url,
        content_dir=Path(options.content_dir),
        _env_file=None,  # type: ignore[call-arg]
    )
    return prepare(settings, clock)  # what `preploop run` does on start: migrate, sync content


def run(options: Options) -> None:
    """Tick the scheduler (and serve the members) until the simulated clock passes `until`."""
    # The claim lease (10 simulated minutes in production) would shrink to milliseconds of
    # real time at this speed, shorter than one delivery; keep it a fixed span of real time.
    claims.LEASE = timedelta(seconds=options.lease_seconds * options.speed)
    clock, log = clock_of(options), Log(options.log)
    logging.getLogger().addHandler(ErrorsToLog(log))
    hub = _hub(options, clock)
    if options.start_file:
        log.write("ready")
        clock.real_start = _start_time(options.start_file)
    history = [path for path in options.platform_logs.split(",") if path] or [options.log]
    platform = RecordingMessenger(log, clock, options.delivery_seconds, history, options.halt_file)
    runner = ObservedRunner(hub, clock, platform, log)
    members = MemberThread(hub, clock, options)
    asyncio.run(_tick_until(runner, clock, datetime.fromisoformat(options.until), options))
    members.finish()
    hub.engine.dispose()


class ErrorsToLog(logging.Handler):
    """Keep every error the process logs (with its traceback) in its log, for the tests to show.

    A test reads the logs after the processes are gone; their stderr is not kept.
    """

    def __init__(self, log: Log) -> None:
        super().__init__(logging.ERROR)
        self.log = log
        self.setFormatter(logging.Formatter("%(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.log.write("error", text=self.format(record))


def _start_time(path: str, patience: float = 60.0) -> float:
    """Wait for the wall-clock time at which the simulated week starts."""
    deadline = time.time() + patience
    while not os.path.exists(path):
        if time.time() > deadline:
            raise TimeoutError(f"nobody wrote the start time to {path}")
        time.sleep(0.005)
    return float(Path(path).read_text())


class MemberThread:
    """The members this process serves, acting in a thread beside the scheduler."""

    def __init__(self, hub: Hub, clock: Clock, options: Options) -> None:
        self.failure: BaseException | None = None
        people = read_people(options.members)
        channels = Channels([path for path in options.platform_logs.split(",") if path])
        traffic = Traffic(hub, clock, Log(options.log), channels)
        until = datetime.fromisoformat(options.until)
        self.thread = threading.Thread(
            target=self._run, args=(traffic, people, until, options.member_pause)
        )
        if people:
            self.thread.start()

    def _run(self, traffic: Traffic, *args: Any) -> None:
        try:
            traffic.run(*args)
        except BaseException as error:  # handed to the main thread, so the process fails
            self.failure = error
            raise

    def finish(self) -> None:
        """Wait for the members to stop; fail the process if their thread failed."""
        if self.thread.is_alive():
            self.thread.join()
        if self.failure is not None:
            raise RuntimeError("the member traffic failed") from self.failure


async def _tick_until(runner: JobRunner, clock: Clock, until: datetime, options: Options) -> None:
    """Tick until the clock passes `until`, then once more with the clock stopped at `until`.

    On a busy machine one tick can take longer than the simulated hours left before `until`
    (a real second is hours here), so the last tick of the loop may start long before it, and
    the next one long after: the last tick, at `until` itself, sees everything due by then, as
    a tick every minute would in production.
    """
    while clock.now() < until:
        await runner.tick()
        await asyncio.sleep(options.tick_seconds)
    runner.clock = PinnedClock(until)
    await runner.tick()


class PinnedClock(Clock):
    """A clock that always reads the same moment."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def answer_forever(options: Options, members: Sequence[str], channels: Sequence[str]) -> None:
    """Answer today's question as member after member; log each answer once it is committed."""
    clock, log = clock_of(options), Log(options.log)
    hub = _hub(options, clock)
    until, turn = datetime.fromisoformat(options.until), 0
    while clock.now() < until:
        member, channel = members[turn % len(members)], channels[turn % len(channels)]
        who = Actor("console", "g1", member, display_name=member.title(), channel_id=channel)
        text = f"Answer {turn} by {who.user_id}: a hash map from value to index."
        saved, post = _answer(hub, who, text)
        if saved:  # the hub returns after the commit: only now is the member told it is saved
            log.write("answered", member=who.user_id, post=post, text=text)
        turn += 1
        time.sleep(options.tick_seconds)
    hub.engine.dispose()


def _answer(hub: Hub, who: Actor, text: str) -> tuple[bool, str]:
    shown = hub.command_text(who, "question", "")
    buttons = {b.label: b for m in shown.messages for b in m.card.buttons}
    if "Answer" not in buttons:
        return False, ""
    opened = hub.press(who, buttons["Answer"].action, buttons["Answer"].value)
    if opened.modal is None:
        return False, ""
    reply = hub.submit(who, opened.modal.action, opened.modal.value, {"answer": text})
    return _said(reply, "your answer."), opened.modal.value


def _said(reply: Reply, words: str) -> bool:
    return any(words in plain(m.card.title) for m in reply.messages)


def main(argv: Sequence[str] | None = None) -> None:
    """Run one scheduler process from the command line: every Options field is a --flag."""
    parser = argparse.ArgumentParser(description="A PrepLoop bot process on an accelerated clock")
    for option in fields(Options):
        kind = float if option.type == "float" else str
        required = option.default is MISSING
        default = None if required else option.default
        parser.add_argument(
            "--" + option.name.replace("_", "-"), type=kind, required=required, default=default
        )
    run(Options(**vars(parser.parse_args(argv))))


if __name__ == "__main__":
    main()
