"""The rules a study group relies on, checked after every simulated day.

Each check is a small function `(sim, day) -> list[Violation]` naming the day and the member.
To add one when a bug shows it is needed: write it in the module of its feature, list it in
CHECKS under a family name, and give the family its test in test_cohort.py.
"""

from __future__ import annotations

from tests.scenario.cohort import Check
from tests.scenario.invariants.boards import medals, points, ranks
from tests.scenario.invariants.earning import double_press, ratings, story_points
from tests.scenario.invariants.mock import expiry, noshow_timing, packets, pairing_wait
from tests.scenario.invariants.posts import oops, posts_once
from tests.scenario.invariants.privacy import forgotten, reads
from tests.scenario.invariants.reminders import reminders_once, reminders_quiet
from tests.scenario.invariants.times import zones

CHECKS: dict[str, Check] = {
    "ranks": ranks,
    "medals": medals,
    "points": points,
    "pairing_wait": pairing_wait,
    "expiry": expiry,
    "packets": packets,
    "reads": reads,
    "forgotten": forgotten,
    "posts_once": posts_once,
    "oops": oops,
    "story_points": story_points,
    "ratings": ratings,
    "double_press": double_press,
    "noshow_timing": noshow_timing,
    "zones": zones,
    "reminders_once": reminders_once,
    "reminders_quiet": reminders_quiet,
}
