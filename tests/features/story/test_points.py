"""Story points as members see them: once per principle per sprint (or week), for a full story."""

from __future__ import annotations

import pytest

from bot.app.hub import Hub
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.features.story.flow import GOOD, points_of, press, text_of, write

FARMED = dict.fromkeys(GOOD, "y")
ALREADY = "No points this time: you already earned story points for Ownership"


def _edit(hub: Hub, number: int, **fields: str) -> str:
    opened = hub.command_text(actor("u1"), "story", f"edit story:{number}")
    assert opened.modal is not None
    sent = {**GOOD, **fields}
    return text_of(hub.submit(actor("u1"), opened.modal.action, opened.modal.value, sent))


def _delete(hub: Hub, number: int) -> None:
    asked = hub.command_text(actor("u1"), "story", f"delete story:{number}")
    press(hub, "u1", asked, f"Delete story #{number}")


def test_a_story_of_one_letter_parts_earns_nothing_and_says_why(hub: Hub) -> None:
    shown = text_of(write(hub, **FARMED))
    assert "+15" not in shown
    assert (
        "No points yet: the check found the Situation thin, the Task thin, the Action thin and "
        "the Result thin; points come when it is complete."
    ) in shown
    assert points_of(hub, "u1") == 0


def test_a_missing_result_is_named_as_what_keeps_the_points_back(hub: Hub) -> None:
    shown = text_of(write(hub, result=""))
    assert "No points yet: the check found the Result missing; points come" in shown


def test_deleting_and_writing_again_for_the_same_principle_earns_nothing(hub: Hub) -> None:
    assert "+15 points." in text_of(write(hub))
    _delete(hub, 1)
    shown = text_of(write(hub))
    assert f"{ALREADY} this week." in shown
    assert points_of(hub, "u1") == 15


def test_in_a_sprint_a_principle_earns_once_for_the_whole_sprint(
    hub: Hub, clock: FakeClock
) -> None:
    hub.command_text(actor("boss", admin=True), "sprint", "start Prep start:2026-12-01")
    write(hub)
    clock.advance(days=8)
    assert f"{ALREADY} in this sprint." in text_of(write(hub))
    assert points_of(hub, "u1") == 15


def test_outside_a_sprint_the_same_principle_earns_again_the_next_week(
    hub: Hub, clock: FakeClock
) -> None:
    write(hub)
    clock.advance(days=7)
    assert "+15 points." in text_of(write(hub))
    assert points_of(hub, "u1") == 30


@pytest.mark.parametrize(
    ("second", "earned"),
    [("principle:dive-deep", 30), ("principle:ownership second:dive-deep", 30)],
)
def test_a_story_for_a_principle_not_yet_rewarded_earns_its_points(
    hub: Hub, second: str, earned: int
) -> None:
    write(hub)
    assert "+15 points." in text_of(write(hub, principles=second))
    assert points_of(hub, "u1") == earned


def test_a_thin_story_earns_when_an_edit_completes_it_and_only_once(hub: Hub) -> None:
    write(hub, task="Fix it")
    assert "+15 points." in _edit(hub, 1)
    again = _edit(hub, 1, title="Fixed it again")
    assert "+15" not in again
    assert "No points" not in again
    assert points_of(hub, "u1") == 15
