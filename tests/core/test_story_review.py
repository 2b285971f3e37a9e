"""Reading review scores and choosing which story a reviewer gets, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.story_review import (
    SCORE_HELP,
    Candidate,
    ScoreError,
    Slot,
    average,
    criterion_averages,
    day_start,
    is_substantive,
    parse_scores,
    pending,
    pick_for_review,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _story(story_id: int, author: int, hours_ago: float, *slots: Slot) -> Candidate:
    return Candidate(story_id, author, NOW - timedelta(hours=hours_ago), slots)


def _done(reviewer: int) -> Slot:
    return Slot(reviewer, "done", NOW - timedelta(hours=1))


def _pick(
    candidates: list[Candidate], reviewer: int = 9, wanted: int = 2, **kw: object
) -> int | None:
    chosen = pick_for_review(candidates, reviewer, wanted=wanted, now=NOW, **kw)  # type: ignore[arg-type]
    return chosen.story_id if chosen else None


@pytest.mark.parametrize("text", ["3 4 2 3 4", "3,4,2,3,4", "34234", " 3 / 4 / 2 / 3 / 4 "])
def test_scores_are_read_in_rubric_order(text: str) -> None:
    assert parse_scores(text) == {
        "star": 3,
        "specificity": 4,
        "ownership": 2,
        "result": 3,
        "fit": 4,
    }


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("3 4 2", "I read 3 numbers. "),
        ("", "I read 0 numbers. "),
        ("great", "I read 0 numbers. "),
        ("1", "I read 1 number. "),
        ("3 4 2 3 4 4", "I read 6 numbers. "),
        ("3 4 5 3 4", "5 is outside 1 to 4. "),
        ("0 4 2 3 4", "0 is outside 1 to 4. "),
        ("-1 4 2 3 4", "-1 is outside 1 to 4. "),
    ],
)
def test_unreadable_scores_say_what_to_send(text: str, start: str) -> None:
    with pytest.raises(ScoreError) as error:
        parse_scores(text)
    assert str(error.value) == start + SCORE_HELP


def test_averages_cover_every_criterion_of_every_review() -> None:
    reviews = [parse_scores("4 4 4 4 4"), parse_scores("2 2 2 2 3")]
    assert average(reviews) == pytest.approx(3.1)
    assert average([]) is None
    assert criterion_averages(reviews)["fit"] == pytest.approx(3.5)
    assert criterion_averages([]) == {}


@pytest.mark.parametrize(
    ("comments", "ok"), [("x" * 80, True), ("x" * 79, False), (" " * 90, False)]
)
def test_comments_of_80_characters_are_substantive(comments: str, ok: bool) -> None:
    assert is_substantive(comments) is ok


def test_the_story_with_the_fewest_reviews_goes_first_then_the_longest_waiting() -> None:
    stories = [
        _story(1, 1, 50, Slot(2, "done", NOW)),
        _story(2, 2, 10),
        _story(3, 3, 30),
    ]
    assert _pick(stories) == 3


def test_a_reviewer_never_gets_their_own_story_or_one_they_reviewed_or_skipped() -> None:
    stories = [
        _story(1, 9, 50),
        _story(2, 2, 40, _done(9)),
        _story(3, 3, 30, Slot(9, "skipped", NOW)),
    ]
    assert _pick(stories) is None
    assert _pick([*stories, _story(4, 4, 1)]) == 4


def test_a_story_with_all_its_reviews_is_not_handed_out() -> None:
    full = _story(1, 1, 50, _done(2), _done(3))
    assert _pick([full]) is None
    assert _pick([full], wanted=3) == 1


def test_an_open_assignment_holds_a_slot_until_it_expires() -> None:
    held = _story(1, 1, 50, _done(2), Slot(3, "open", NOW - timedelta(hours=2)))
    assert pending(held, NOW) == 2
    assert _pick([held]) is None
    stale = _story(1, 1, 50, _done(2), Slot(3, "open", NOW - timedelta(hours=25)))
    assert pending(stale, NOW) == 1
    assert _pick([stale]) == 1


def test_two_reviewers_asking_at_once_get_different_stories() -> None:
    first = _pick([_story(1, 1, 50), _story(2, 2, 40)], reviewer=8, wanted=1)
    assert first == 1
    taken = _story(1, 1, 50, Slot(8, "open", NOW))
    assert _pick([taken, _story(2, 2, 40)], reviewer=9, wanted=1) == 2


def test_between_equal_stories_the_author_reviewed_least_comes_first() -> None:
    stories = [_story(1, 1, 10), _story(2, 2, 10)]
    assert _pick(stories, reviewed_authors={1: 3, 2: 1}) == 2
    assert _pick(stories, reviewed_authors={1: 0, 2: 1}) == 1


@pytest.mark.parametrize(
    ("hour", "zone", "start"),
    [
        (9, "UTC", datetime(2026, 12, 1, tzinfo=UTC)),
        (9, "Asia/Tokyo", datetime(2026, 11, 30, 15, tzinfo=UTC)),  # 18:00 in Tokyo
        (3, "America/New_York", datetime(2026, 11, 30, 5, tzinfo=UTC)),  # 22:00 the day before
    ],
)
def test_a_reviewers_day_starts_at_midnight_in_their_zone(
    hour: int, zone: str, start: datetime
) -> None:
    assert day_start(datetime(2026, 12, 1, hour, tzinfo=UTC), zone) == start
