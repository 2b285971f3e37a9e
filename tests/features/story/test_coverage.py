"""`/story coverage`: the map of the 16 principles as text and a picture, and its Write button."""

from __future__ import annotations

import io

from PIL import Image

from bot.app.hub import Hub
from bot.core.story_coverage import Cell, Status
from bot.features.story.coverage import coverage_line
from tests.conftest import actor
from tests.features.story.flow import GOOD, press, review, text_of, write


def test_coverage_maps_the_16_principles_as_text_and_a_picture(hub: Hub) -> None:
    write(hub, "u1")
    write(hub, "u1", title="Draft", principles="principle:frugality", result="")
    review(hub, "r1", scores="4 4 4 4 4")
    reply = hub.command_text(actor("u1"), "story", "coverage")
    card = reply.messages[0].card
    shown = text_of(reply)
    assert "Your Leadership Principle map: 2 of 16 covered" in shown
    assert "⬜ Customer Obsession — no story yet" in shown
    assert "✅ Ownership — reviewed, strong · #1 · best 4.0/4" in shown
    assert "✏️ Frugality — unfinished draft · #2" in shown
    assert "Write next: **Customer Obsession**: it has no story yet." in shown
    assert "Aim for a story for every principle, each with a measurable result." in shown
    (picture,) = card.files
    assert (picture.filename, picture.mime) == ("lp-coverage.png", "image/png")
    assert Image.open(io.BytesIO(picture.data)).size == (720, 438)
    opened = press(hub, "u1", reply, "Write for Customer Obsession")
    assert opened.modal is not None
    saved = hub.submit(actor("u1"), opened.modal.action, opened.modal.value, GOOD)
    assert "Story #3 saved" in text_of(saved)
    assert "Customer Obsession is not evident" in text_of(saved)


def test_a_forged_coverage_button_is_refused(hub: Hub) -> None:
    refused = hub.press(actor("u1"), "story.write", "77")
    assert "That button no longer works. Run `/story coverage` again." in text_of(refused)


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
