"""The end-of-run summaries (hostile figures, cohort reports), also under pytest-xdist.

Under xdist the figures live in the worker that ran the tests: each worker hands its sections to
the controller through `workeroutput` when it finishes, and the controller prints them. Without
xdist the one process prints its own.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).parent
HOSTILE_GROUP = "hostile"  # the hostile suite's figures are summed in one process: one worker
# Tests that must share a worker, by the start of their node id. The reliability tests kill
# processes on a clock: one at a time. The others have a module-scoped fixture that does a long
# run once for all their tests, which would otherwise be repeated in every worker (the cohort:
# one worker per backend).
GROUPS = (
    ("tests/hostile/", HOSTILE_GROUP),
    ("tests/scenario/test_cohort.py::", "cohort"),
    ("tests/reliability/", "reliability"),
    ("tests/adapters/console/test_time.py::", "console-time"),
    ("tests/test_similarity.py::", "similarity"),
)


def group_of(nodeid: str) -> str | None:
    """The name of the group a test must run in with the others of its group, if any."""
    for start, name in GROUPS:
        if nodeid.startswith(start):
            if name == "cohort":  # one simulation per backend: the backend is in the test id
                return f"cohort-{'postgresql' if '[postgresql' in nodeid else 'sqlite'}"
            return name
    return None


def big_groups_first(items: list[pytest.Item]) -> None:
    """Put the grouped (long) tests first, each group in file order, so they start at once."""

    def rank(item: pytest.Item) -> int:
        starts = [index for index, (start, _) in enumerate(GROUPS) if item.nodeid.startswith(start)]
        return starts[0] if starts else len(GROUPS)

    items.sort(key=rank)  # a stable sort: the order within a group and among the rest stays


def grouped_scheduler(config: pytest.Config, log: Any) -> Any:
    """pytest-xdist: spread the tests one by one, except each group, which goes to one worker."""
    from xdist.scheduler import LoadScopeScheduling

    class GroupedScheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid) or nodeid

    return GroupedScheduling(config, log)


KEY = "preploop_summaries"

_received: list[tuple[str, list[str]]] = []


def own_sections() -> list[tuple[str, list[str]]]:
    """The sections this process has to report (nothing for a suite that did not run here)."""
    sections: list[tuple[str, list[str]]] = []
    scenario = sys.modules.get("tests.scenario.summary")
    if scenario is not None and scenario.REPORTS:
        sections.append(("cohort simulation", list(scenario.REPORTS)))
    hostile = sys.modules.get("tests.hostile.figures")
    if hostile is not None and hostile.FIGURES.total():
        sections.append(("hostile input", hostile.FIGURES.lines()))
    return sections


def hand_over(config: pytest.Config) -> None:
    """In a worker: give the controller this worker's sections."""
    workeroutput: dict[str, Any] | None = getattr(config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput[KEY] = own_sections()


def receive(node: Any) -> None:
    """In the controller: keep a finished worker's sections."""
    for title, lines in getattr(node, "workeroutput", {}).get(KEY, []):
        _received.append((title, list(lines)))


def print_all(terminalreporter: pytest.TerminalReporter) -> None:
    """Print every section, merging the cohort reports of several workers under one heading."""
    merged: dict[str, list[str]] = {}
    for title, lines in _received + own_sections():
        merged.setdefault(title, []).extend(lines)
    for title, lines in merged.items():
        terminalreporter.section(title)
        for line in lines:
            terminalreporter.write_line(line)
