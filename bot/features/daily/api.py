"""What other features may use of the question of the day."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.features.daily.schedule_rules import days_label
from bot.features.daily.store import DailyStore, answered_question_ids, answers_between

__all__ = ["answered_question_ids", "answers_between", "schedule_after_sprint"]


def schedule_after_sprint(ctx: Ctx) -> str | None:
    """What the caller's channel's standing schedule does while its sprint runs, if it has one."""
    schedule = ctx.store(DailyStore).schedule(ctx.actor.channel_id)
    if schedule is None:
        return None
    when = f"{schedule.post_time} {schedule.timezone}, {days_label(schedule.days)}"
    return (
        f"This channel's standing schedule ({when}, track `{schedule.track}`) waits while "
        "the sprint runs and resumes after it ends."
    )
