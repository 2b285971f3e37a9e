"""The coverage picture: a PNG of fixed size, one colour per status."""

from __future__ import annotations

import io

from PIL import Image

from bot.core.story_coverage import StoryFacts, coverage
from bot.features.story.picture import SIZE, coverage_png


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
