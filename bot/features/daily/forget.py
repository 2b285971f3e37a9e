"""`/profile forget` for the question of the day: the text of the member's answers, and their
name on the standing schedules they set."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.core.words import plural
from bot.features.daily.store import DailyStore


def forget(ctx: Ctx) -> Forgotten:
    """Blank the member's answers; say how many, if any."""
    answers = forget_answers(ctx)
    ctx.store(DailyStore).unname_schedule_setter(ctx.actor.user_id)
    return Forgotten((f"the text of {plural(answers, 'daily answer')}",) if answers else ())


def forget_answers(ctx: Ctx) -> int:
    """Blank the text of the caller's daily answers in this community (the rows keep counts)."""
    return ctx.store(DailyStore).blank_answers_of(ctx.member_id)
