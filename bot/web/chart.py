"""The participation chart as inline SVG, drawn on the server: bars of answers per day."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from bot.features.dashboard.api import Day

WIDTH, HEIGHT, AXIS, TOP = 640, 150, 24, 18


def participation_svg(days: Sequence[Day]) -> Markup:
    """Bars of answers per day with the members active as a darker inner bar; numbers only."""
    top = max((d.answers for d in days), default=0) or 1
    step = WIDTH / max(len(days), 1)
    parts = [
        f'<svg class="chart" viewBox="0 {-TOP} {WIDTH} {HEIGHT + AXIS + TOP}" role="img" '
        'aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMidYMid meet" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Answers and members active per day</title>',
        f'<desc id="chart-desc">{_summary(days)}</desc>',
        f'<line x1="0" y1="{HEIGHT}" x2="{WIDTH}" y2="{HEIGHT}" class="axis"/>',
        f'<line x1="0" y1="0" x2="{WIDTH}" y2="0" class="grid"/>',
        f'<text x="0" y="-5">{top} answers</text>',
    ]
    for i, day in enumerate(days):
        x = i * step
        parts.append(_bar(x + step * 0.1, step * 0.8, day.answers / top, "answers"))
        parts.append(_bar(x + step * 0.3, step * 0.4, day.members / top, "members"))
        if i % 7 == 0 or i == len(days) - 1:
            parts.append(_label(i, len(days), step, day))
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - numbers and dates only, no member text


def _bar(x: float, width: float, share: float, kind: str) -> str:
    height = HEIGHT * share
    return (
        f'<rect class="{kind}" x="{x:.1f}" y="{HEIGHT - height:.1f}" '
        f'width="{width:.1f}" height="{height:.1f}"/>'
    )


def _label(i: int, count: int, step: float, day: Day) -> str:
    anchor = "start" if i == 0 else "end" if i == count - 1 else "middle"
    x = {"start": i * step, "end": (i + 1) * step, "middle": (i + 0.5) * step}[anchor]
    return (
        f'<text x="{x:.1f}" y="{HEIGHT + 16}" text-anchor="{anchor}">'
        f"{day.day.strftime('%d %b')}</text>"
    )


def _summary(days: Sequence[Day]) -> str:
    if not days:
        return "No days to show."
    busiest = max(days, key=lambda d: d.answers)
    total = sum(d.answers for d in days)
    return (
        f"{total} answers over {len(days)} days; the busiest day was "
        f"{busiest.day.isoformat()} with {busiest.answers} answers."
    )
