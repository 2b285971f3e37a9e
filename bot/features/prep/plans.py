"""A member's plan as it stands today: loaded, adapted to what happened, and saved back."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.core.clock import Clock, local_date
from bot.core.prep_adapt import Rated, adapt, choose_question
from bot.core.prep_plan import Item
from bot.features.prep.store import PrepStore, to_item
from bot.features.prep.tables import PrepPlan
from bot.storage.tables import Member


@dataclass
class Standing:
    """A plan with its items after today's adapting, and the member's self-ratings."""

    plan: PrepPlan
    items: list[Item]
    ratings: list[Rated]
    today: date

    @property
    def last(self) -> date:
        return self.plan.interview - timedelta(days=1)

    @property
    def rounds(self) -> tuple[str, ...]:
        return tuple(r for r in self.plan.rounds.split(",") if r)

    @property
    def days_left(self) -> int:
        return (self.plan.interview - self.today).days


def member_today(clock: Clock, member: Member, fallback_zone: str) -> date:
    """Today in the member's own zone."""
    return local_date(clock, member.timezone or fallback_zone)


def standing(store: PrepStore, member_id: int, today: date) -> Standing | None:
    """The member's plan adapted to today (saved back), or None without a plan."""
    plan = store.plan_of(member_id)
    if plan is None:
        return None
    items = [to_item(row) for row in store.items_of(member_id)]
    ratings = store.ratings_of(member_id)
    if today <= plan.interview:
        adapted = adapt(items, ratings, today, plan.interview - timedelta(days=1))
        if adapted != items:
            store.save_items(member_id, adapted)
        items = adapted
    return Standing(plan, items, ratings, today)


def with_question(store: PrepStore, now: Standing, item: Item) -> Item:
    """Give a question item its question (once), saved, so a rating of it is credited."""
    if item.kind not in ("question", "review") or item.question_id is not None:
        return item
    taken = {i.question_id for i in now.items if i.question_id and i.seq != item.seq}
    found = choose_question(item, now.ratings, store.bank_by_area(), taken, item.seq)
    if found is None:
        return item
    chosen = replace(item, question_id=found[0])
    now.items = [chosen if i.seq == item.seq else i for i in now.items]
    store.save_items(now.plan.member_id, [chosen])
    return chosen
