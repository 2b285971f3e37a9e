"""What other features may use of the prep plan: the DM item, ratings, summaries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.app.context import Ctx
from bot.core.cards import Card
from bot.core.prep_adapt import credit, due_today
from bot.core.prep_plan import AREA_NAMES
from bot.core.prep_progress import next_open
from bot.core.words import plural
from bot.features.prep.cards import item_card
from bot.features.prep.overview import dates_line
from bot.features.prep.plans import member_today, standing, with_question
from bot.features.prep.store import PrepStore
from bot.storage.tables import Question
from bot.storage.uow import Session

__all__ = ["note_answer", "note_rating", "plan_progress", "plans_line", "todays_plan_card"]


def todays_plan_card(
    session: Session, community_id: int, member_id: int, today: date
) -> Card | None:
    """The card of the member's plan item for today (for the practice DM), or None."""
    store = PrepStore(session, community_id)
    now = standing(store, member_id, today)
    if now is None:
        return None
    todo = due_today(now.items, today)
    if not todo:
        return None
    item = with_question(store, now, todo[0])
    question = store.question(item.question_id) if item.question_id else None
    return item_card(now, item, question)


def note_rating(ctx: Ctx, question: Question, rating: str) -> str:
    """Credit a self-rating to the plan item it fits (today's or a missed one); say so."""
    return _note(ctx, question, rating)


def note_answer(ctx: Ctx, question: Question) -> str:
    """Credit an answer to the channel's question of the day to the plan item it fits."""
    return _note(ctx, question, None)


def _note(ctx: Ctx, question: Question, rating: str | None) -> str:
    store = ctx.store(PrepStore)
    today = member_today(ctx.clock, ctx.member, ctx.community.timezone)
    now = standing(store, ctx.member_id, today)
    if now is None:
        return ""
    answered = next(
        (i for i in now.items if i.done == today and i.question_id == question.id), None
    )
    if answered is not None:  # answered first, rated now: keep the rating on the same item
        if rating is not None:
            store.save_items(ctx.member_id, [replace(answered, rating=rating)])
        return ""
    found = credit(now.items, question.category, question.id, today)
    if found is None:
        return ""
    done = replace(found, done=today, rating=rating, question_id=question.id)
    store.save_items(ctx.member_id, [done])
    left = len(due_today(now.items, today)) - (1 if found.day == today else 0)
    more = f" {plural(left, 'item')} left today." if left > 0 else " That's today's plan done."
    return f" It counts toward your prep plan.{more}"


def plan_progress(session: Session, community_id: int, member_id: int, today: date) -> str | None:
    """One line about the member's plan: countdown, this fortnight's items, what is next."""
    now = standing(PrepStore(session, community_id), member_id, today)
    if now is None:
        return None
    if now.days_left < 0:
        return (
            f"Your interview was on {now.plan.interview.isoformat()}; `/prep stop` clears the plan."
        )
    fortnight = [i for i in now.items if 0 <= (today - i.slot).days < 14 and not i.dropped]
    done = sum(i.done is not None for i in fortnight)
    upcoming = next_open(now.items, today)
    nxt = f" - next: {AREA_NAMES[upcoming.area]}" if upcoming else ""
    return (
        f"{plural(now.days_left, 'day')} to go - {done} of {len(fortnight)} items done "
        f"this fortnight{nxt}"
    )


def plans_line(ctx: Ctx, today: date) -> str:
    """Active plans here and when their interviews are (no member named), for admins."""
    return dates_line(ctx.store(PrepStore).interview_dates(today), today)
