"""The weekly digest in the console: `/time` to Monday shows each member's digest by DM."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console

ALICE_ANSWERS = ("/question", "/press 1", "A hash map from value to index.")
BOB_ANSWERS = ("/as bob", "/question", "/press 1", "Two pointers after sorting.")


def test_monday_brings_a_digest_to_who_took_part_and_not_to_who_opted_out(
    tmp_path: Path,
) -> None:
    out = _console(
        tmp_path,
        *ALICE_ANSWERS,
        *BOB_ANSWERS,
        "/profile set digest:off",
        "/time +4d",
        "/time +7d",
        now="2026-12-03T10:00",
    )
    digest = out[out.index("— Mon 7 Dec —") :]
    assert digest.count("┌ Your week in PrepLoop") == 1  # alice's; bob said off, carol did nothing
    assert "  (direct message to alice)\n┌ Your week in PrepLoop" in digest
    assert "│ Last week (Mon 30 Nov – Sun 6 Dec): 1 answer · 10 pts · =1 on the week's board" in out
    assert "│ Rank: =1 all time (new on the board this week)" in out
    assert "└ Your weekly digest · `/profile set digest:off` stops it" in out
    # The next Monday: nothing new happened, so no digest (the rank alone is no news).
    assert out.count("┌ Your week in PrepLoop") == 1
