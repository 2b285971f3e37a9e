"""The story form: principles carried in its value, its five inputs, and reading what was sent."""

from __future__ import annotations

import pytest

from bot.app.registry import UserError
from bot.features.story.form import decode, encode, read_form, story_modal


def test_principles_travel_in_form_values_as_short_indexes() -> None:
    value = encode(("success-and-scale-bring-broad-responsibility", "ownership"))
    assert value == "15,1"
    assert decode(value) == ("success-and-scale-bring-broad-responsibility", "ownership")


@pytest.mark.parametrize("forged", ["", "16", "-1", "a,b", "1,2,3", "1;2"])
def test_a_forged_principle_value_is_refused_kindly(forged: str) -> None:
    with pytest.raises(UserError, match="That button no longer works"):
        decode(forged)


def test_the_form_has_five_inputs_within_every_platforms_limits() -> None:
    modal = story_modal("story.new", "1")
    assert [box.id for box in modal.inputs] == ["title", "situation", "task", "action", "result"]
    assert all(box.max_length <= 3000 for box in modal.inputs)
    assert all(len(box.label) <= 45 and len(box.placeholder) <= 100 for box in modal.inputs)
    assert len(modal.title) <= 45


def test_the_form_title_is_one_line_and_parts_are_trimmed() -> None:
    read = read_form({"title": "  Cut\ncosts  ", "situation": "  context  ", "task": "goal"})
    assert read == {
        "title": "Cut costs",
        "situation": "context",
        "task": "goal",
        "action": "",
        "result": "",
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": " ", "action": "x"}, "Give your story a title"),
        ({"title": "t" * 101, "action": "x"}, "The title is 101 characters; the limit is 100."),
        (
            {"title": "T", "result": "r" * 3001},
            "Your Result is 3,001 characters; the limit is 3,000.",
        ),
        ({"title": "T", "task": "-", "action": " "}, "Your story is empty."),
    ],
)
def test_a_form_that_cannot_be_saved_says_why(fields: dict[str, str], message: str) -> None:
    with pytest.raises(UserError) as error:
        read_form(fields)
    assert message in str(error.value)
