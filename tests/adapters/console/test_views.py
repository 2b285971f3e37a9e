"""Each console member sees the channel's cards with their buttons, and their own messages."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console

PROFILE = "/profile set role:MLE level:mle2 timezone:Europe/Paris"


def test_another_member_can_press_the_join_button_of_a_channel_card(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        "/mock round round:phone_screen",
        "/as bob",
        PROFILE,
        "/press 1",
        now="2026-12-07T11:00",
    )
    assert "  #study · Mock round: Phone screen: [1] Join this round" in out
    assert "bob> /press 1\n  (only you see this)\n┌ See you there!" in out


def test_after_the_last_hint_show_lists_the_rating_buttons_again(tmp_path: Path) -> None:
    out = _console(tmp_path, "/question", "/press 2", "/press 1", "/show", "/press 5")
    assert "┌ Hint 2 of 2" in out
    assert "[2] Answer  [3] Hint  [4] Nailed it  [5] Partial  [6] Missed" in out
    assert "Rated Partial." in out


def test_a_private_card_stays_with_its_member(tmp_path: Path) -> None:
    out = _console(tmp_path, "/question", "/as bob", "/show", "/press 1")
    assert "bob> /show\n  No buttons to press right now." in out
    assert "bob> /press 1\n  Press a button by its number" in out


def test_switching_back_lists_what_the_member_could_press(tmp_path: Path) -> None:
    out = _console(tmp_path, "/question", "/as bob", "/as alice", "/press 2")
    assert "  You are now alice (admin).\n  Buttons alice can press:" in out
    assert "┌ Hint 1 of 2" in out


def test_a_thread_reply_names_the_card_it_answers_not_an_id(tmp_path: Path) -> None:
    out = _console(
        tmp_path,
        "/question post-now",
        "/press 1",
        "A dictionary from value to index.",
        "/press 1",
    )
    assert "(#study, in the thread of “Question of the day: Two Sum”)" in out
    assert "console-" not in out
