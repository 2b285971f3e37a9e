"""Story points: once per member, principle and sprint (or week), for a story the check passes."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.core.points import Reason
from bot.core.story import CheckReport, unfinished
from bot.features.story.principles import names
from bot.features.story.rows import principles_of
from bot.features.story.store import StoryStore
from bot.features.story.tables import Story


def award_story(ctx: Ctx, *, story: Story, report: CheckReport) -> tuple[int, str]:
    """Award a story its points once; return them, or why not ("" when it earned them before)."""
    if story.points_reference:
        return 0, ""
    gaps = unfinished(report)
    if gaps:
        found = _joined(gaps)
        return 0, f"No points yet: the check found {found}; points come when it is complete."
    store = ctx.store(StoryStore)
    period, when = _period(ctx, store)
    for pid in principles_of(story):
        reference = f"story:{pid}:{period}"
        points = store.award(ctx, Reason.STORY_SUBMITTED, reference)
        if points:
            story.points_reference = reference
            return points, ""
    shown = names(principles_of(story)).replace(", ", " and ")
    return 0, f"No points this time: you already earned story points for {shown} {when}."


def _period(ctx: Ctx, store: StoryStore) -> tuple[str, str]:
    """Return the award period (the running sprint, else this week) and how to say it."""
    counted = store.award_periods(ctx.today())
    running = [p for p in counted if p.startswith("sprint:")]
    if running:
        return running[0], "in this sprint"
    return next(p for p in counted if p.startswith("week:")), "this week"


def _joined(items: tuple[str, ...]) -> str:
    """Return "a", "a and b" or "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
