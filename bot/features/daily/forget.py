"""`/profile forget` for the question of the day: the text of the member's answers."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col, select

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.core.words import plural
from bot.features.daily.tables import Answer, DailyPost


def forget(ctx: Ctx) -> Forgotten:
    """Blank the member's answers; say how many, if any."""
    answers = forget_answers(ctx)
    return Forgotten((f"the text of {plural(answers, 'daily answer')}",) if answers else ())


def forget_answers(ctx: Ctx) -> int:
    """Blank the text of the caller's daily answers in this community (the rows keep counts)."""
    posts = select(DailyPost.id).where(DailyPost.community_id == ctx.community_id)
    result = ctx.session.execute(
        update(Answer)
        .where(col(Answer.member_id) == ctx.member_id, col(Answer.post_id).in_(posts))
        .values(text="")
    )
    return int(getattr(result, "rowcount", 0) or 0)
