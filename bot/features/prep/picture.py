"""Draw a member's progress by area as a small PNG: done share against the guide's target."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from bot.core.prep_progress import AreaProgress

ROW, LABEL, BAR, GAP, HEADER = 34, 170, 360, 10, 34
WIDTH = LABEL + BAR + 120
INK, TRACK = (33, 37, 41), (226, 229, 233)
DONE, TARGET = (111, 207, 151), (52, 58, 64)
FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=4)
def _font(size: int) -> FontType:
    return ImageFont.load_default(size=size)


def progress_png(areas: list[AreaProgress]) -> bytes:
    """Return the picture: one bar per area, filled to its share of the work done, target marked."""
    height = HEADER + len(areas) * ROW + GAP
    image = Image.new("RGB", (WIDTH, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.text(
        (GAP, 8), "Your work by area (bar) vs the guide's mix (line)", fill=INK, font=_font(16)
    )
    for index, area in enumerate(areas):
        top = HEADER + index * ROW
        draw.text((GAP, top + 6), area.name, fill=INK, font=_font(14))
        draw.rounded_rectangle((LABEL, top + 4, LABEL + BAR, top + 24), radius=5, fill=TRACK)
        if area.share:
            right = LABEL + max(6, int(BAR * area.share))
            draw.rounded_rectangle((LABEL, top + 4, right, top + 24), radius=5, fill=DONE)
        mark = LABEL + int(BAR * area.target)
        draw.line((mark, top, mark, top + 28), fill=TARGET, width=3)
        draw.text(
            (LABEL + BAR + 8, top + 6), f"{area.done}/{area.planned}", fill=INK, font=_font(14)
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
