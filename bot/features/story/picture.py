"""Draw a member's coverage of the 16 principles as a small PNG (a 4×4 grid)."""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from bot.core.story_coverage import SHORT_NAMES, STATUS_NAMES, Cell, Coverage, Status
from bot.core.words import plural

COLUMNS = 4
CELL = (170, 84)
GAP = 8
HEADER = 34
LEGEND = 28
SIZE = (COLUMNS * CELL[0] + (COLUMNS + 1) * GAP, HEADER + 4 * CELL[1] + 5 * GAP + LEGEND)
BACKGROUND = (255, 255, 255)
INK = (33, 37, 41)
COLOURS = {
    Status.MISSING: (226, 229, 233),
    Status.DRAFT: (255, 236, 153),
    Status.WAITING: (160, 196, 255),
    Status.WORK: (255, 183, 122),
    Status.STRONG: (111, 207, 151),
}
FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=4)
def _font(size: int) -> FontType:
    return ImageFont.load_default(size=size)


def _status_line(cell: Cell) -> str:
    if cell.best is not None:
        return f"{cell.best:.1f}/4 · {plural(len(cell.stories), 'story', 'stories')}"
    return {Status.MISSING: "no story", Status.DRAFT: "draft"}.get(cell.status, "waiting")


def _draw_cell(draw: ImageDraw.ImageDraw, cell: Cell, index: int) -> None:
    row, column = divmod(index, COLUMNS)
    left = GAP + column * (CELL[0] + GAP)
    top = HEADER + GAP + row * (CELL[1] + GAP)
    box = (left, top, left + CELL[0], top + CELL[1])
    draw.rounded_rectangle(box, radius=8, fill=COLOURS[cell.status])
    lines = textwrap.wrap(SHORT_NAMES[cell.principle], width=18)[:2]
    for number, line in enumerate(lines):
        draw.text((left + 10, top + 8 + number * 20), line, fill=INK, font=_font(15))
    draw.text((left + 10, top + CELL[1] - 24), _status_line(cell), fill=INK, font=_font(13))


def _draw_legend(draw: ImageDraw.ImageDraw) -> None:
    left, top = GAP, SIZE[1] - LEGEND + 6
    for status, colour in COLOURS.items():
        draw.rectangle((left, top, left + 14, top + 14), fill=colour)
        label = STATUS_NAMES[status]
        draw.text((left + 20, top), label, fill=INK, font=_font(12))
        left += 28 + int(draw.textlength(label, font=_font(12)))


def coverage_png(coverage: Coverage) -> bytes:
    """Return the coverage map as PNG bytes, always SIZE pixels."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    title = f"Leadership Principles covered: {coverage.covered()} of {len(coverage.cells)}"
    draw.text((GAP + 2, 8), title, fill=INK, font=_font(18))
    for index, cell in enumerate(coverage.cells):
        _draw_cell(draw, cell, index)
    _draw_legend(draw)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
