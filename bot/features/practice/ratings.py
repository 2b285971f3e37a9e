"""Self-ratings: each one schedules the question's next review; a re-press replaces it."""

from __future__ import annotations

from datetime import date

from bot.app.context import Ctx
from bot.core.cards import Reply
from bot.core.clock import local_date
from bot.core.repetition import RATING_LABELS, next_due, rating_base
from bot.core.words import plural
from bot.features.practice.store import PracticeStore
from bot.features.practice.tables import ReviewState
from bot.features.prep.api import note_rating
from bot.storage.tables import Question


def record_rating(ctx: Ctx, question: Question, rating: str) -> Reply:
    """Store a self-rating and schedule the question's next review; a re-press replaces it."""
    store = ctx.store(PracticeStore)
    today = local_date(ctx.clock, ctx.member.timezone or ctx.community.timezone)
    state = store.review_of(ctx.member_id, question.id)
    if state is None:
        interval, due = next_due(today, None, rating)
        store.add_review(_new_state(ctx, question, rating, interval, due))
    else:
        interval = _rerate(ctx, state, today, rating)
    when = "tomorrow" if interval == 1 else f"in {plural(interval, 'day')}"
    plan = note_rating(ctx, question, rating)  # the prep plan counts a rating that fits
    return Reply.note(
        f"Rated **{RATING_LABELS[rating]}**. It comes back in /practice {when}.{plan}"
    )


def _new_state(ctx: Ctx, question: Question, rating: str, interval: int, due: date) -> ReviewState:
    return ReviewState(
        community_id=ctx.community_id,
        member_id=ctx.member_id,
        question_id=question.id,
        rating=rating,
        interval_days=interval,
        due=due,
    )


def _rerate(ctx: Ctx, state: ReviewState, today: date, rating: str) -> int:
    """Rate a question again: a new review once it came back, else a change of the last one."""
    base, new_review = rating_base(today, state.due, state.interval_days, state.prior_interval)
    interval, due = next_due(today, base, rating)
    if new_review:
        state.prior_interval = base
        state.reviews += 1
    state.rating, state.interval_days, state.due = rating, interval, due
    state.updated_at = ctx.clock.now()
    return interval
