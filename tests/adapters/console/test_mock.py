"""Mock interviews in `preploop console`, driven through stdin."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console

ALICE = '/profile set role:MLE level:mle2 timezone:Europe/Paris availability:"mon-fri 18:00-21:00"'
BOB = "/profile set role:mle level:senior timezone:america/new_york"
FEEDBACK = (
    "You stated the brute force first, then improved it with a hash map; test empty input too."
)


def test_a_member_without_a_profile_is_shown_how_to_set_one(tmp_path: Path) -> None:
    out = _console(tmp_path, "/mock")
    assert "First, your mock profile" in out
    assert '/profile set role:MLE level:mle2 timezone:Europe/London availability:"mon-fri' in out


def test_two_members_are_paired_and_give_each_other_feedback(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        ALICE,
        "/mock request round:onsite_coding",
        "/as bob",
        BOB,
        "/mock request round:ml_depth",
        "/press 3",  # bob accepts the proposed time
        "/as alice",
        "/press 3",  # and so does alice: the mock is confirmed
        "/as bob",
        "/mock done",
        "/time +1d",
        "/mock done",
        *("4", "3", "3", "2", FEEDBACK),
        "/as alice",
        "/mock done",
        *("3", "3", "4", "4", "Clear structure, name the metric earlier next time."),
    )
    assert "Your mock profile is saved." in out
    assert "`/mock done` opens then, to confirm it happened and give feedback." in out
    assert "Nobody else here has MLE as target role yet" in out
    assert "You have a partner!" in out
    assert "(direct message to alice)" in out and "(direct message to bob)" in out
    assert "You have a mock interview partner" in out
    assert "Interviewer packet: Onsite coding" in out
    assert (
        "Feedback: Coding (one line each; Enter keeps the value shown, - skips an optional field"
        in out
    )
    assert "Your feedback is on its way to alice." in out
    assert "+10 points for detailed feedback." in out
    assert "Everyone confirmed the mock: +30 points." in out


def test_bad_input_gets_a_clear_message(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        "/profile set role:Pilot level:mle1",
        "/profile set role:MLE level:mle1 timezone:Moon/Base",
        "/mock request round:chess",
        "/mock cancel",
    )
    assert "“Pilot” is not a target role here." in out
    assert "I don't know the time zone “Moon/Base”." in out
    assert "`round` must be one of: online_assessment" in out
    assert "You have nothing to cancel." in out
