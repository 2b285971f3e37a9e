from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from bot.app.parsing import parse
from bot.app.registry import Option, Registry, UserError, convert, option
from bot.core.cards import Reply, plain


def _noop(ctx: object, args: object) -> Reply:
    return Reply()


@dataclass(frozen=True, kw_only=True)
class StartOptions:
    name: str = option("Name", required=True)
    weeks: int | None = option("Weeks", "int", min_value=1, max_value=12)


@pytest.fixture
def registry() -> Registry:
    reg = Registry()
    reg.command("sprint", "status", "Show the sprint", default=True)(_noop)
    reg.command("sprint", "start", "Start one", StartOptions, admin=True)(_noop)
    return reg


def test_a_bare_group_runs_its_default_command(registry: Registry) -> None:
    spec, raw = parse(registry, "sprint", "")
    assert (spec.name, raw) == ("status", {})


def test_named_and_positional_options_are_split(registry: Registry) -> None:
    spec, raw = parse(registry, "sprint", 'start weeks:6 "Winter prep"')
    assert spec.name == "start"
    assert raw == {"weeks": "6", "name": "Winter prep"}


def test_the_last_text_option_takes_the_rest_of_the_words(registry: Registry) -> None:
    _, raw = parse(registry, "sprint", "start Winter prep for MLE")
    assert raw == {"name": "Winter prep for MLE"}


def test_a_misspelt_option_is_named_with_the_usage(registry: Registry) -> None:
    with pytest.raises(UserError) as caught:
        parse(registry, "sprint", "start Prep unknown:1")
    assert plain(caught.value.text) == (
        "`/sprint start` has no option `unknown`.\nUsage: `/sprint start name:<text> [weeks:…]`"
    )


@pytest.mark.parametrize("line", ["start Prep 18:00-21:00", "start see https://example.com"])
def test_a_value_with_a_colon_is_not_taken_for_an_option(registry: Registry, line: str) -> None:
    _, raw = parse(registry, "sprint", line)
    assert raw["name"] == line.removeprefix("start ")


@pytest.mark.parametrize(
    "line", ["start name:December Loop Prep", "start name:December Loop Prep weeks:2"]
)
def test_a_named_value_of_several_words_without_quotes_is_told_to_use_them(
    registry: Registry, line: str
) -> None:
    with pytest.raises(UserError) as caught:
        parse(registry, "sprint", line)
    assert plain(caught.value.text) == (
        "`name` took only `December`, and I didn't understand `Loop Prep`. "
        'A value of several words needs quotes: `name:"December Loop Prep"`.'
    )


def test_a_named_text_option_may_be_followed_by_the_next_option_unnamed(
    registry: Registry,
) -> None:
    _, raw = parse(registry, "sprint", "start name:Winter 6")
    assert raw == {"name": "Winter", "weeks": "6"}


def test_an_unclosed_quote_gets_a_clear_message(registry: Registry) -> None:
    with pytest.raises(UserError, match="quote is not closed"):
        parse(registry, "sprint", 'start "Winter')


def test_an_unknown_group_points_to_help(registry: Registry) -> None:
    with pytest.raises(UserError) as caught:
        parse(registry, "nope", "")
    assert "/help" in plain(caught.value.text)


@pytest.mark.parametrize(
    ("option", "raw", "message"),
    [
        (Option("weeks", "", kind="int", min_value=1, max_value=12), "13", "between 1 and 12"),
        (Option("weeks", "", kind="int"), "six", "whole number"),
        (Option("start", "", kind="date"), "tomorrow", "2026-12-01"),
        (Option("at", "", kind="time"), "9am", "09:00"),
        (Option("share", "", kind="bool"), "maybe", "yes or no"),
        (Option("level", "", kind="choice", choices=("mle1", "mle2")), "mle9", "mle1, mle2"),
        (Option("name", "", max_length=5), "toolong", "at most 5 characters"),
        (Option("name", "", max_length=1), "no", "at most 1 character\\."),
    ],
)
def test_bad_option_values_get_a_message_that_says_what_fits(
    option: Option, raw: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        convert(option, raw)


def test_good_option_values_are_converted() -> None:
    assert convert(Option("d", "", kind="date"), "2026-12-01") == date(2026, 12, 1)
    assert convert(Option("c", "", kind="choice", choices=("MLE",)), "mle") == "MLE"
