"""Mock rules: roles, rubrics, scores and what counts as substantive feedback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.cards import UserText, plain
from bot.core.mock_rules import (
    DEFAULT_ROLES,
    RuleError,
    dispute_deadline,
    find_role,
    has_started,
    is_substantive,
    level_index,
    noshow_opens,
    parse_roles,
    parse_score,
    rubric_for,
    stale_since,
)

START = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("mle", "MLE"),
        ("applied scientist", "Applied Scientist"),
        ("Data-Scientist", "Data Scientist"),
    ],
)
def test_a_role_is_found_in_any_case_or_spacing(typed: str, role: str) -> None:
    assert find_role(typed, DEFAULT_ROLES) == role


def test_an_unknown_role_lists_the_choices_and_shows_the_typed_text_literally() -> None:
    with pytest.raises(RuleError) as caught:
        find_role("@everyone", DEFAULT_ROLES)
    text = caught.value.text
    assert plain(text) == (
        "“@everyone” is not a target role here. "
        "Choose one of: MLE, SDE, Applied Scientist, Data Scientist."
    )
    assert UserText("@everyone") in text.parts
    assert any(isinstance(p, UserText) for p in text.parts)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Give at least one role"),
        ("MLE, mle", "Two of those roles are the same apart from case or spacing."),
        ("!!!", "Each role is at most 40 characters: letters, digits, spaces and - / & + . ( )"),
        ("MLE, <!channel>", "Each role is at most 40 characters"),
        ("**Bold**", "Each role is at most 40 characters"),
        (",".join(f"R{i}" for i in range(13)), "Keep it to 12 roles or fewer."),
    ],
)
def test_a_bad_role_list_is_refused(text: str, message: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_roles(text)
    assert plain(caught.value.text).startswith(message)


def test_a_role_list_keeps_its_order() -> None:
    assert parse_roles(" MLE ,  Research   Engineer,SDE") == ("MLE", "Research Engineer", "SDE")


@pytest.mark.parametrize(
    ("round_id", "criteria"),
    [
        ("onsite_coding", ("Problem solving", "Code quality", "Communication", "Testing")),
        ("phone_screen", ("Problem solving", "Code quality", "Communication", "Testing")),
        ("ml_system_design", ("Requirements", "Architecture", "Trade-offs", "Metrics")),
        ("bar_raiser", ("STAR structure", "Specificity", "Ownership", "Measurable result")),
        ("ml_depth", ("Fundamentals", "Depth", "Trade-offs", "Communication")),
    ],
)
def test_each_round_has_its_rubric(round_id: str, criteria: tuple[str, ...]) -> None:
    assert rubric_for(round_id).criteria == criteria


@pytest.mark.parametrize("typed", ["0", "5", "three", "", "3.5"])
def test_a_score_outside_one_to_four_names_the_criterion(typed: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_score(typed, "Testing")
    assert plain(caught.value.text).startswith("**Testing** needs a score from 1 to 4; you wrote ")


def test_a_score_is_read() -> None:
    assert parse_score(" 3 ", "Testing") == 3


def test_substantive_feedback_needs_a_few_real_sentences() -> None:
    assert not is_substantive("good job")
    assert not is_substantive("x" * 100)
    assert is_substantive(
        "You clarified the input size first, then explained the hash map idea before coding it."
    )


def test_levels_are_ranked() -> None:
    assert [level_index(x) for x in ("mle1", "mle2", "senior", "principal")] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("minutes", "started"), [(-1, False), (0, True), (30, True)], ids=["before", "at", "after"]
)
def test_a_mock_has_started_from_its_proposed_time(minutes: int, started: bool) -> None:
    assert has_started(START, START + timedelta(minutes=minutes)) is started


def test_a_mock_without_a_proposed_time_counts_as_started() -> None:
    assert has_started(None, START)


def test_a_noshow_can_be_reported_fifteen_minutes_after_the_start() -> None:
    assert noshow_opens(START) == datetime(2026, 12, 3, 17, 15, tzinfo=UTC)


def test_a_noshow_can_be_disputed_for_a_day() -> None:
    assert dispute_deadline(START) == datetime(2026, 12, 4, 17, 0, tzinfo=UTC)


def test_a_mock_goes_stale_two_days_after_its_start() -> None:
    assert stale_since(START) == datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
