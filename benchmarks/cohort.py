"""Time the cohort simulation: six weeks of a 24-member sprint, every invariant checked daily.

Run: python -m benchmarks.cohort

Prints the wall-clock and CPU seconds of each part (ticks of the scheduler, members acting,
the daily checks). Goal: under a minute of CPU on SQLite, so the simulation stays affordable in
every CI run. (The tests in tests/scenario check the invariants; they time nothing.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bot.bootstrap import prepare
from bot.config import Settings
from tests.fakes import FakeClock
from tests.scenario import cohort
from tests.scenario.invariants import CHECKS
from tests.scenario.summary import summary, timings

GOAL_CPU_SECONDS = 60.0


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'cohort.db'}"
        clock = FakeClock()
        hub = prepare(Settings(database_url=url, _env_file=None), clock)  # type: ignore[call-arg]
        try:
            ran = cohort.run(cohort.build(hub, clock), CHECKS)
            print(summary(ran, "sqlite"))  # reads the database, so before it goes
        finally:
            hub.engine.dispose()
    print(timings(ran))
    cpu = ran.seconds["cpu"]
    verdict = "met" if cpu < GOAL_CPU_SECONDS else "NOT met"
    print(f"cpu {cpu:.1f} s; goal under {GOAL_CPU_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
