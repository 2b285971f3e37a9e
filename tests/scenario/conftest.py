"""Print the cohort simulation's summaries at the end of the run, compactly, also in CI."""

from __future__ import annotations

import pytest

from tests.scenario.summary import REPORTS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORTS:
        terminalreporter.section("cohort simulation")
        for report in REPORTS:
            terminalreporter.write_line(report)
