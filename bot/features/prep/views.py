"""`/prep` as the member sees it: countdown, this week, progress, weak areas, what next."""

from __future__ import annotations

from collections import Counter
from datetime import date

from bot.core.calendar import day_label
from bot.core.cards import Attachment, Button, Card, Field, Rich, Style, UserText, rich
from bot.core.prep_adapt import weakest
from bot.core.prep_plan import AREA_NAMES, Item, targets
from bot.core.prep_progress import AreaProgress, by_area, by_round, next_open, week_of
from bot.core.repetition import RATING_LABELS
from bot.core.vocabulary import ROUND_NAMES
from bot.core.words import plural
from bot.features.prep.cards import countdown, item_label
from bot.features.prep.picture import progress_png
from bot.features.prep.plans import Standing

WEEK_LINES = 12


def plan_view(now: Standing) -> Card:
    """The member's plan card, with the progress picture attached."""
    if now.days_left < 0:
        return Card(
            title="Your prep plan",
            text=f"Your interview was on {day_label(now.plan.interview)}. I hope it went well! "
            "`/prep stop` clears the plan; `/prep start` begins a new one.",
        )
    areas = by_area(now.items, targets(now.rounds, now.plan.level))
    fields = [
        Field("This week", _week(now)),
        Field("Progress against the guide's mix", _areas(areas)),
        Field("By round", _rounds(now)),
        Field("Weakest areas (your self-ratings)", _weak(now)),
        Field("Next", _next(now)),
    ]
    dropped = [i for i in now.items if i.dropped]
    if dropped:
        fields.append(Field("Did not fit before your interview", _dropped(dropped)))
    return Card(
        title=f"Your prep plan: {countdown(now)}",
        text=_intro(now),
        fields=tuple(fields),
        buttons=(Button("Today's item", "pp.next", "", Style.PRIMARY),),
        footer="A missed day moves to the next days (at most 2 extra a day).",
        files=(Attachment("prep-progress.png", progress_png(areas), "image/png", _alt(areas)),),
    )


def _intro(now: Standing) -> Rich:
    role = ("Role: ", UserText(now.plan.role), ". ") if now.plan.role else ()
    if now.plan.start > now.today:
        return rich(
            *role,
            f"Your plan starts on {day_label(now.plan.start)}, 16 weeks before the "
            "interview. Until then, `/practice` keeps you warm.",
        )
    done = sum(i.done is not None for i in now.items)
    total = sum(not i.dropped for i in now.items)
    return rich(*role, f"{done} of {plural(total, 'item')} done.")


def _week(now: Standing) -> str:
    items = week_of(now.items, now.today)
    if not items:
        return "Nothing planned this week."
    lines = []
    for item in items:
        mark = _mark(item, now.today)
        rated = f" ({RATING_LABELS[item.rating]})" if item.rating else ""
        moved = f", from {day_label(item.slot)}" if item.carried else ""
        lines.append(f"{mark} {day_label(item.day)} · {item_label(item)}{rated}{moved}")
    if len(lines) > WEEK_LINES:  # a week of missed days can hold 21 items
        lines = [*lines[: WEEK_LINES - 1], f"… and {len(lines) - WEEK_LINES + 1} more"]
    return "\n".join(lines)


def _mark(item: Item, today: date) -> str:
    """✅ done, ▶️ due today, ⬜ to come."""
    if item.done is not None:
        return "✅"
    return "▶️" if item.day == today else "⬜"


def _areas(areas: list[AreaProgress]) -> str:
    if not any(a.done for a in areas):
        return "\n".join(f"{a.name}: {a.planned} planned (target {a.target:.0%})" for a in areas)
    return "\n".join(
        f"{a.name}: {a.done} of {a.planned} done · {a.share:.0%} of your work "
        f"(target {a.target:.0%})"
        for a in areas
    )


def _rounds(now: Standing) -> str:
    rows = by_round(now.items, now.rounds)
    return "\n".join(f"{ROUND_NAMES[r]}: {done} of {planned}" for r, done, planned in rows) or "-"


def _weak(now: Standing) -> str:
    weak = weakest(now.ratings)
    if not weak:
        return "Nothing rated missed or partial yet. Rate yourself after each question."
    return "\n".join(
        f"{AREA_NAMES[area]}: {score:.0%} missed (of {plural(n, 'rating')})"
        for area, score, n in weak
    )


def _next(now: Standing) -> str:
    upcoming = next_open(now.items, now.today)
    if upcoming is None:
        return "Everything is done. Rest well before the interview!"
    when = "today" if upcoming.day == now.today else day_label(upcoming.day)
    return f"{when}: {item_label(upcoming)}. Press Today's item."


def _dropped(items: list[Item]) -> str:
    counts = Counter(AREA_NAMES[i.area] for i in items)
    listed = ", ".join(f"{n} {area}" for area, n in counts.items())
    return f"{plural(len(items), 'missed item')} no longer fit: {listed}."


def _alt(areas: list[AreaProgress]) -> str:
    return "Progress by area: " + "; ".join(
        f"{a.name} {a.share:.0%} of target {a.target:.0%}" for a in areas
    )
