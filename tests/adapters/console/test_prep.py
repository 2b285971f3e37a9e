"""`/prep` in the console: a plan, a week forward with missed days, the DM and the view."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console


def test_a_plan_lives_through_a_week_of_missed_days(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        "/practice daily at:08:00 timezone:UTC",
        "/prep start date:2027-01-07 level:mle2 rounds:onsite_coding,bar_raiser",
        "/time +1d",
        "/time +4d",
        "/prep",
        now="2026-12-03T07:00",
    ).replace("**", "")
    assert "┌ Your prep plan is ready" in out
    assert "35 items, one a day from Thu 3 Dec to Thu 7 Jan" in out
    assert out.count("┌ Prep plan · ") == 5  # one DM a day, never two
    assert "2 more items today: /prep" in out
    assert "┌ Your prep plan: 30 days to your interview (Thu 7 Jan)" in out
    assert ", from Thu 3 Dec" in out
