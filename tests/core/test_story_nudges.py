"""The rules of story nudges: who is offered a story, what an author is told, the line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.story_nudges import (
    Volunteer,
    choose_reviewers,
    expected_wait,
    is_offer_due,
    line_due,
    state_text,
    waiting_line,
)
from bot.core.story_review import Candidate, Slot, pending

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def _story(*slots: Slot, hours: float = 48) -> Candidate:
    return Candidate(1, author_id=10, ready_at=NOW - timedelta(hours=hours), slots=slots)


def test_the_volunteers_with_fewest_recent_reviews_are_offered_never_the_author() -> None:
    volunteers = [Volunteer(10, 0), Volunteer(4, 3), Volunteer(2, 1), Volunteer(3, 0)]
    volunteers += [Volunteer(5, 1), Volunteer(6, 0)]
    chosen = choose_reviewers(volunteers, _story(Slot(6, "skipped", NOW)))
    assert chosen == [3, 2, 5]


@pytest.mark.parametrize(
    ("hours", "slots", "due"),
    [
        (47.9, (), False),
        (48, (), True),
        (95, (Slot(2, "done", NOW),), True),
        (97, (), False),  # past the look-back: a claimed story is never found again
        (60, (Slot(2, "done", NOW), Slot(3, "open", NOW, taken_at=NOW)), False),
    ],
)
def test_a_story_is_due_for_offers_after_48_hours_while_it_still_wants_reviews(
    hours: float, slots: tuple[Slot, ...], due: bool
) -> None:
    assert is_offer_due(_story(*slots, hours=hours), wanted=2, now=NOW) is due


def test_a_taken_story_stays_held_past_a_day_until_it_is_released() -> None:
    taken = Slot(3, "open", NOW - timedelta(hours=30), taken_at=NOW - timedelta(hours=30))
    offered = Slot(4, "open", NOW - timedelta(hours=30))
    assert pending(_story(taken), NOW) == 1
    assert pending(_story(offered), NOW) == 0


@pytest.mark.parametrize(
    ("slots", "text"),
    [
        ((), "waiting for a reviewer · reviewed 0/2"),
        ((Slot(3, "open", NOW, taken_at=NOW),), "in review by 1 · reviewed 0/2"),
        ((Slot(3, "done", NOW), Slot(4, "open", NOW)), "waiting for a reviewer · reviewed 1/2"),
        ((Slot(3, "done", NOW), Slot(4, "done", NOW)), "reviewed 2/2"),
    ],
)
def test_an_authors_story_reads_waiting_in_review_or_reviewed(
    slots: tuple[Slot, ...], text: str
) -> None:
    assert state_text(_story(*slots), 2, NOW) == text


def test_the_expected_wait_is_the_middle_of_recent_first_reviews_or_honestly_unknown() -> None:
    hours = [timedelta(hours=h) for h in (2, 30, 9)]
    assert expected_wait(hours, 0) == (
        "Expect a first review in about 9 hours (the middle of 3 recent stories)."
    )
    assert expected_wait([timedelta(days=3)], 2).endswith(
        "about 3 days (the middle of 1 recent story). 2 other stories also wait."
    )
    assert expected_wait([], 0).startswith("No story here has been reviewed lately, so I can't")


def test_the_channel_line_reads_naturally_and_only_in_the_afternoon() -> None:
    assert waiting_line(1) == "1 story is waiting for review - /story review"
    assert waiting_line(3) == "3 stories are waiting for review - /story review"
    assert line_due(datetime(2026, 12, 3, 12, 0, tzinfo=UTC), "Europe/Berlin")  # 13:00
    assert not line_due(datetime(2026, 12, 3, 11, 59, tzinfo=UTC), "Europe/Berlin")
    assert not line_due(datetime(2026, 12, 3, 20, 0, tzinfo=UTC), "Europe/Berlin")  # 21:00
