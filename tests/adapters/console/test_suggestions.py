"""Suggestions in the console: bob suggests, alice (the admin) approves or denies, bob is told."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.console.test_console import _console
from tests.features.suggestions.flow import SUGGESTED

SUGGEST = [
    "/as bob",
    "/question suggest category:applied_ml difficulty:medium round:ml_depth",
    SUGGESTED["title"],
    SUGGESTED["prompt"],
    "Compare predicted and observed rates in buckets | Think about isotonic regression",
    "A reliability diagram | Platt scaling or isotonic regression | AUC unchanged after it",
    "/as alice",
    "/question suggestions",
]


ADD = [
    "/question add category:applied_ml difficulty:medium round:ml_depth",
    *SUGGEST[2:6],
]


def test_an_approved_suggestion_reaches_bob_by_direct_message(tmp_path: Path) -> None:
    out = _console(tmp_path, *SUGGEST, "/press 1")
    assert "Thanks! Your question is waiting for review: Calibrating a churn model" in out
    assert "Suggested question: Calibrating a churn model" in out
    assert "direct message to bob" in out
    assert "Your question was approved: Calibrating a churn model" in out


def test_a_denied_suggestion_tells_bob_why(tmp_path: Path) -> None:
    out = _console(tmp_path, *SUGGEST, "/press 3", "The bank asks this on Tuesdays.")
    assert "Your suggested question was not added: Calibrating a churn model" in out
    assert "The bank asks this on Tuesdays." in out


def test_a_member_cannot_open_the_queue(tmp_path: Path) -> None:
    out = _console(tmp_path, "/as bob", "/question suggestions")
    assert "admin" in out.split("bob> /question suggestions")[1].lower()


def test_alice_adds_a_question_to_the_community_bank(tmp_path: Path) -> None:
    out = _console(tmp_path, *ADD)
    assert "Added to this community's bank: Calibrating a churn model" in out
    assert "Its id is `calibrating-a-churn-model`" in out
