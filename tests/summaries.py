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

HOSTILE = Path(__file__).parent / "hostile"
HOSTILE_GROUP = "hostile"  # the hostile suite's figures are summed in one process: one worker
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


def keep_hostile_together(items: list[pytest.Item]) -> None:
    """Send every hostile-input test to the same worker (--dist loadgroup), in file order."""
    for item in items:
        if HOSTILE in item.path.parents:
            item.add_marker(pytest.mark.xdist_group(HOSTILE_GROUP))


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
