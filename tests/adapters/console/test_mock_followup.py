"""After a mock in `preploop console`: the nudge, Helpful, `/mock history`, the rematch."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console
from tests.adapters.console.test_mock import ALICE, BOB, FEEDBACK

MONDAY = "2026-11-30T10:00"  # Bob's request pairs them for 17:00 UTC the same day
PAIR = (
    ALICE,
    "/mock request round:onsite_coding",
    "/as bob",
    BOB,
    "/mock request round:ml_depth",
    "/press 3",  # bob accepts the proposed time
    "/as alice",
    "/press 3",  # alice too: the mock is confirmed, not released
    "/as bob",
)


def test_a_nudge_leads_to_feedback_marked_helpful_once_and_the_history(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        *PAIR,
        "/time +1d",
        "/press 1",
        *("4", "3", "3", "2", FEEDBACK),
        "/as alice",
        "/press 1",
        "/press 1",
        "/mock history",
        now=MONDAY,
    )
    assert out.count("┌ How did your mock go?") == 2
    assert (
        "How did your mock interview with alice on Mon 30 Nov, 12:00 (America/New_York) go?" in out
    )
    assert "How did your mock interview with bob on Mon 30 Nov, 18:00 (Europe/Paris) go?" in out
    assert "Feedback: Coding (one line each" in out
    assert "│ [1] Helpful   (press with /press N)" in out
    assert "Thanks! bob is told you found it helpful. They get +5 points." in out
    assert "You already marked this feedback helpful. Thanks!" in out
    assert out.count("┌ Your feedback helped") == 1
    assert "│ You received 1 feedback form and gave 0." in out
    assert (
        "│ Onsite coding: 1 mock: Average: Problem solving 4.0 · Code quality 3.0 · "
        "Communication 3.0 · Testing 2.0"
    ) in out
    assert "Mon 30 Nov · Onsite coding · from bob · mean 3.0 · marked helpful" in out


def test_no_partner_did_not_come_rematches_at_once(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        *PAIR,
        "/as carol",
        "/profile set role:MLE level:mle2 timezone:Europe/Paris",
        "/mock request round:onsite_coding",
        "/time +3d",
        "/as alice",
        "/press 2",
        "/press 1",
        now=MONDAY,
    )
    assert "You are in the mock queue." in out
    assert out.count("┌ Did you meet?") == 2
    assert "┌ What happened?" in out
    assert "[1] My partner didn't come  [2] We rescheduled  [3] I couldn't make it" in out
    assert (
        "Sorry your partner didn't come to your mock interview. I found you a new partner at once"
        in out
    )
    assert "┌ Back in the mock queue, first in line" in out
    after = out[out.index("┌ Back in the mock queue") :]
    assert "You are paired with carol (same target role)." in after
