"""A six-week sprint for 24 members, driven through the hub and the scheduler tick.

The clock starts on Sunday 11 October 2026 and steps 15 minutes at a time until the sprint's
recap is out. The sprint (09:00 Europe/Berlin, 12 October to 22 November) crosses the EU change
to winter time on 25 October and the US one on 1 November. After every simulated day (at 00:00
UTC) each invariant in invariants/ is checked and its violations kept, with the day and the
member, so one run answers every invariant family.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from bot.app.hub import Hub
from bot.core.cards import Reply
from bot.scheduling.delivery import JobRunner
from tests.fakes import FakeClock
from tests.scenario import behaviours
from tests.scenario.driver import Driver
from tests.scenario.people import COMMUNITY, HOURS, SPRINT_ZONE, Person, cast
from tests.scenario.world import World, WorldMessenger, cards_of, find_button

SEED = 20261012
START = datetime(2026, 10, 11, 12, 0, tzinfo=UTC)
SPRINT = f"start:2026-10-12 weeks:6 template:mle-6-week time:09:00 timezone:{SPRINT_ZONE}"
END = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # the recap goes out on Monday 23 November
STEP = timedelta(minutes=15)
LEAVE_DAY, FORGET_DAY = date(2026, 10, 24), date(2026, 11, 7)


@dataclass(frozen=True)
class Violation:
    """One broken rule: on which simulated day, for which member, and what they saw."""

    family: str
    day: date
    member: str
    text: str

    def __str__(self) -> str:
        return f"{self.day} {self.member}: {self.text}"


@dataclass
class Sim:
    """The whole run: the hub, the members, what they saw and did, and every violation found."""

    hub: Hub
    clock: FakeClock
    world: World
    driver: Driver
    people: list[Person]
    violations: list[Violation] = field(default_factory=list)
    looks: dict[tuple[date, str, str], Reply] = field(default_factory=dict)  # asked once a day
    seconds: Counter[str] = field(default_factory=Counter)  # wall-clock and CPU, by phase
    ticks: int = 0

    @property
    def kinds(self) -> dict[str, str]:
        return {p.user: p.kind for p in self.people}

    def present(self) -> list[Person]:
        return [p for p in self.people if not p.gone]


Check = Callable[[Sim, date], list[Violation]]


def build(hub: Hub, clock: FakeClock, seed: int = SEED) -> Sim:
    """Set up the community: the admin's sprint and every member's mock profile."""
    clock.set(START)
    world, rng = World(), random.Random(seed)
    sim = Sim(hub, clock, world, Driver(hub, clock, world, rng), cast(rng))
    admin = Person(0, "admin", SPRINT_ZONE, "MLE", "senior")
    started = hub.command_text(
        replace(admin.actor, is_admin=True), "sprint", f"start Autumn {SPRINT}"
    )
    world.hear(clock.now(), admin.user, started)
    for person in sim.people:
        line = f"set role:{person.role} level:{person.level} timezone:{person.zone}"
        sim.driver.command(person, "profile", f'{line} availability:"{HOURS}"')
        person.next_at = START + timedelta(minutes=rng.randrange(0, 24 * 60, 15))
    return sim


def run(sim: Sim, checks: dict[str, Check], until: datetime = END) -> Sim:
    """Step the clock to `until`, ticking and letting members act; check after every day."""
    messenger = WorldMessenger(sim.world, sim.clock)
    runner = JobRunner(sim.hub.engine, sim.clock, {"console": messenger})
    started, cpu = time.perf_counter(), time.process_time()
    asyncio.run(_loop(sim, runner, checks, until))
    sim.seconds["total"] = time.perf_counter() - started
    sim.seconds["cpu"] = time.process_time() - cpu
    return sim


async def _loop(sim: Sim, runner: JobRunner, checks: dict[str, Check], until: datetime) -> None:
    while sim.clock.now() < until:
        await _timed(sim, "ticks", runner.tick())
        sim.ticks += 1
        started, cpu = time.perf_counter(), time.process_time()
        for person in sim.present():
            _visit(sim, person)
        sim.seconds["members"] += time.perf_counter() - started
        sim.seconds["members cpu"] += time.process_time() - cpu
        sim.clock.advance(seconds=STEP.total_seconds())
        if sim.clock.now().time() == datetime.min.time():
            _check_day(sim, checks, sim.clock.now().date() - timedelta(days=1))


async def _timed(sim: Sim, what: str, work: object) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    await work  # type: ignore[misc]
    sim.seconds[what] += time.perf_counter() - started
    sim.seconds[f"{what} cpu"] += time.process_time() - cpu


def _visit(sim: Sim, person: Person) -> None:
    now, driver = sim.clock.now(), sim.driver
    if person.next_at is None or now < person.next_at:
        return
    if person.kind == "leaver" and now.date() >= LEAVE_DAY:
        leave(sim, person)
        return
    if person.kind == "forgetter" and now.date() >= FORGET_DAY:
        forget(sim, person)
        return
    behaviours.session(driver, person, sim.kinds)
    person.next_at = _next_visit(sim, person)


def _next_visit(sim: Sim, person: Person) -> datetime:
    """Twelve to twenty-four hours on; a sleeping member comes back after 07:00 their time."""
    rng = sim.driver.rng
    later = sim.clock.now() + timedelta(minutes=15 * rng.randrange(48, 96))
    local = person.local(later)
    if local.hour < 7:
        later += timedelta(hours=7 - local.hour, minutes=15 * rng.randrange(0, 8))
    return later


def leave(sim: Sim, person: Person) -> None:
    """The member leaves the server; the platform tells the hub."""
    for message in sim.hub.member_left("console", COMMUNITY, person.user):
        sim.world.deliver(sim.clock.now(), message, scheduled=False)
    person.gone = "left"
    sim.driver.note(person, "left")


def forget(sim: Sim, person: Person) -> None:
    """The member asks to be forgotten and confirms with the button they are shown."""
    asked = sim.driver.command(person, "profile", "forget")
    button = find_button(cards_of(asked), "Forget")
    if button is not None:
        sim.driver.press(person, button)
    person.gone = "forgot"
    sim.driver.note(person, "forgot")


def _check_day(sim: Sim, checks: dict[str, Check], day: date) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    known = {(v.family, v.member, v.text) for v in sim.violations}
    for family, check in checks.items():
        for found in sorted(check(sim, day), key=lambda v: (v.member, v.text)):
            if (family, found.member, found.text) not in known:  # report each on its first day
                known.add((family, found.member, found.text))
                sim.violations.append(Violation(family, found.day, found.member, found.text))
    sim.seconds["checks"] += time.perf_counter() - started
    sim.seconds["checks cpu"] += time.process_time() - cpu
