"""The story feature's principle loader, form reading and coverage picture, without a database."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from bot.app.registry import UserError
from bot.content import DEFAULT_CONTENT_DIR, load_bank
from bot.core.story import PRINCIPLE_IDS
from bot.core.story_coverage import Cell, Status, StoryFacts, coverage
from bot.features.story.coverage import coverage_line
from bot.features.story.form import decode, encode, read_form, story_modal
from bot.features.story.picture import SIZE, coverage_png
from bot.features.story.principles import principles, read_principles


def test_the_shipped_principles_are_the_16_the_story_feature_knows() -> None:
    bank = load_bank(DEFAULT_CONTENT_DIR)
    assert tuple(bank.principles) == PRINCIPLE_IDS
    loaded = principles()
    assert tuple(loaded) == PRINCIPLE_IDS
    assert all(p.cues and p.probes for p in loaded.values())
    assert all(cue == cue.lower() for p in loaded.values() for cue in p.cues)
    assert loaded["earn-trust"].name == "Earn Trust"


def test_a_missing_principles_file_still_gives_16_names_without_cues(tmp_path: Path) -> None:
    loaded = read_principles(tmp_path / "nothing.yaml")
    assert tuple(loaded) == PRINCIPLE_IDS
    assert loaded["dive-deep"].name == "Dive Deep"
    assert loaded["dive-deep"].cues == ()


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


def test_the_coverage_picture_is_a_png_of_fixed_size() -> None:
    facts = [
        StoryFacts(1, ("ownership",), True, 3.5),
        StoryFacts(2, ("dive-deep",), True, 2.0),
        StoryFacts(3, ("frugality",), True, None),
        StoryFacts(4, ("think-big",), False, None),
    ]
    data = coverage_png(coverage(facts))
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG"
    assert image.size == SIZE == (720, 438)
    missing, strong = image.getpixel((170, 70)), image.getpixel((348, 70))
    assert missing == (226, 229, 233)
    assert strong == (111, 207, 151)


def test_each_coverage_line_names_the_status_in_words() -> None:
    lines = [
        coverage_line(Cell("dive-deep", Status.MISSING, (), None)),
        coverage_line(Cell("dive-deep", Status.DRAFT, (2,), None)),
        coverage_line(Cell("dive-deep", Status.WAITING, (2, 5), None)),
        coverage_line(Cell("dive-deep", Status.WORK, (2,), 2.25)),
        coverage_line(Cell("dive-deep", Status.STRONG, (2,), 3.5)),
    ]
    assert lines == [
        "⬜ Dive Deep — no story yet",
        "✏️ Dive Deep — unfinished draft · #2",
        "🔵 Dive Deep — waiting for reviews · #2, #5",
        "🟠 Dive Deep — reviewed, needs work · #2 · best 2.2/4",
        "✅ Dive Deep — reviewed, strong · #2 · best 3.5/4",
    ]
