"""What other features may use of the question of the day."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.bank.cards import question_meta, titled
from bot.core.clock import local_date
from bot.core.home import TodaysQuestion
from bot.features.daily.schedule_rules import days_label
from bot.features.daily.store import DailyStore, answered_question_ids, answers_between

__all__ = ["answered_question_ids", "answers_between", "schedule_after_sprint", "todays_question"]


def schedule_after_sprint(ctx: Ctx, channel_id: str | None = None) -> str | None:
    """What a channel's standing schedule does while its sprint runs, if it has one.

    The channel is the caller's unless `channel_id` names another.
    """
    channel = ctx.actor.channel_id if channel_id is None else channel_id
    schedule = ctx.store(DailyStore).schedule(channel)
    if schedule is None:
        return None
    when = f"{schedule.post_time} {schedule.timezone}, {days_label(schedule.days)}"
    return (
        f"This channel's standing schedule ({when}, track `{schedule.track}`) waits while "
        "the sprint runs and resumes after it ends."
    )


def todays_question(ctx: Ctx, channel_id: str = "") -> TodaysQuestion | None:
    """Today's question in `channel_id`, else in the member's channel (where they last
    answered, else where the community's latest question was posted); None if there is none.

    Reads only: a channel whose day has no question yet gets none here.
    """
    store = ctx.store(DailyStore)
    for channel in _channels(ctx, store, channel_id):
        post = store.post_of_day(channel, local_date(ctx.clock, _zone(ctx, store, channel)))
        question = None if post is None else store.question(post.question_id)
        if post is not None and post.id is not None and question is not None:
            answered = store.answer_of(post.id, ctx.member_id) is not None
            return TodaysQuestion(post.id, titled("", question), question_meta(question), answered)
    return None


def _channels(ctx: Ctx, store: DailyStore, first: str) -> list[str]:
    found = [first] if first else []
    theirs = store.home_channel(ctx.member_id)
    return found + ([theirs] if theirs and theirs != first else [])


def _zone(ctx: Ctx, store: DailyStore, channel: str) -> str:
    """A channel's zone: its sprint's, else its standing schedule's, else the community's."""
    sprint = store.live_sprint(channel)
    if sprint is not None:
        return sprint.timezone
    schedule = store.schedule(channel)
    return schedule.timezone if schedule is not None else ctx.community.timezone
