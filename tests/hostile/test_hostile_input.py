"""What the hostile-input suite (tests/hostile) found, pinned down one behaviour at a time."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.app.hub import Hub
from bot.app.parsing import TEXT_LIMIT
from bot.core.cards import Rich, UserText, plain
from tests.conftest import actor
from tests.features.mock.flow import text_of

TOO_BIG = str(2**63)  # past PostgreSQL's INTEGER, and past SQLite's too


@pytest.fixture(autouse=True)
def no_failure_is_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.ERROR)
    yield
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_a_story_number_too_large_for_the_database_is_refused_clearly(hub: Hub) -> None:
    refused = hub.command_text(actor(), "story", f"show story:{TOO_BIG}")
    assert text_of(refused) == "`story` is too large a number."
    typed = hub.command(actor(), "story", "show", {"story": 2**40})
    assert text_of(typed) == "`story` is too large a number."


def test_an_option_under_its_minimum_names_only_the_minimum(hub: Hub) -> None:
    assert text_of(hub.command_text(actor(), "story", "show story:0")) == (
        "`story` must be at least 1."
    )
    too_many = hub.command_text(actor(admin=True), "story", "settings reviews:9")
    assert text_of(too_many) == "`reviews` must be between 1 and 5."


@pytest.mark.parametrize(
    ("action", "said"),
    [
        ("q.answer", "That button no longer works. Run the command again."),
        ("q.hint", "That button no longer works. Run the command again."),
        ("story.show", "That button no longer works. Run the command again for a fresh one."),
        ("story.helpful", "That button no longer works. Run the command again for a fresh one."),
        ("mock.join", "That button no longer works. Run the command again."),
        (
            "mock.done",
            "That mock is not one of yours any more. `/mock status` shows where you are.",
        ),
    ],
)
def test_a_button_naming_a_row_id_too_large_for_the_database_is_stale(
    hub: Hub, action: str, said: str
) -> None:
    assert text_of(hub.press(actor(), action, TOO_BIG)) == said


@pytest.mark.parametrize("index", ["²", "9" * 5000, "-3"])
def test_a_practice_hint_button_with_an_unreadable_index_shows_the_first_hint(
    hub: Hub, index: str
) -> None:
    card = hub.command_text(actor(), "practice", "").messages[0].card
    question = card.buttons[0].value.partition(":")[0]
    assert plain(hub.press(actor(), "p.hint", f"{question}:{index}").messages[0].card.title) == (
        "Hint 1 of 2"
    )


def test_a_sprint_cannot_start_more_than_a_year_ahead(hub: Hub) -> None:
    refused = hub.command_text(actor(admin=True), "sprint", "start Later start:9999-12-31")
    assert text_of(refused) == (
        "The start date 9999-12-31 is more than a year away; pick a day before 2027-12-02."
    )
    assert "runs 2027-11-30" in text_of(
        hub.command_text(actor(admin=True), "sprint", "start Soon start:2027-11-30")
    )


def test_a_nul_character_in_member_text_is_dropped_not_fatal(hub: Hub) -> None:
    member = actor("u1")
    shown = hub.command_text(member, "question", "")
    answer = shown.messages[0].card.buttons[0]
    opened = hub.press(member, answer.action, answer.value)
    assert opened.modal is not None
    saved = hub.submit(member, "q.answer", opened.modal.value, {"answer": "a hash\x00map"})
    assert "> a hashmap" in text_of(saved)
    named = actor("u2", admin=True)
    started = hub.command_text(named, "sprint", 'start "Prep\x00 one"')
    assert "**Prep one** runs" in text_of(started)


@pytest.mark.parametrize(
    ("group", "line", "typed"),
    [
        ("practice", "daily at:08:00 timezone:@everyone", "@everyone"),
        ("@here", "", "@here"),
    ],
)
def test_what_a_member_typed_is_echoed_as_member_text(
    hub: Hub, group: str, line: str, typed: str
) -> None:
    [message] = hub.command_text(actor(), group, line).messages
    text = message.card.text
    assert isinstance(text, Rich)
    assert UserText(typed) in text.parts
    assert not any(typed in part for part in text.parts if not isinstance(part, UserText))


def test_the_sprint_leaderboard_shows_the_sprint_name_as_member_text(hub: Hub) -> None:
    hub.command_text(actor(admin=True), "sprint", 'start "<!channel> prep"')
    [message] = hub.command_text(actor(), "leaderboard", "period:sprint").messages
    title = message.card.title
    assert isinstance(title, Rich)
    assert plain(title) == "Leaderboard — sprint <!channel> prep"
    assert UserText("<!channel> prep") in title.parts


def test_a_command_longer_than_the_limit_is_refused_before_it_is_parsed(hub: Hub) -> None:
    refused = text_of(hub.command_text(actor(), "story", "x" * 100_000))
    assert refused.startswith(
        f"That command is 100,000 characters long; the limit is {TEXT_LIMIT:,}."
    )
    assert "`/story new principle:<choice> [second:…]`" in refused
