"""Prep's queries: the member's plan and items, their self-ratings, and the bank by area."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete
from sqlmodel import col, select

from bot.bank.live import is_visible_to, live_questions
from bot.core.prep_adapt import Rated
from bot.core.prep_plan import Item
from bot.features.practice.tables import PracticePref, ReviewState
from bot.features.prep.tables import PrepItem, PrepPlan
from bot.storage.tables import Question
from bot.storage.uow import Session


class PrepStore:
    """Prep rows of one community; a member id is always one of its members."""

    def __init__(self, session: Session, community_id: int) -> None:
        self.session = session
        self.community_id = community_id

    def plan_of(self, member_id: int) -> PrepPlan | None:
        """The member's plan here, if they have one."""
        plan = self.session.get(PrepPlan, member_id)
        return plan if plan is not None and plan.community_id == self.community_id else None

    def add_plan(self, plan: PrepPlan) -> None:
        """Keep a new plan."""
        self.session.add(plan)

    def items_of(self, member_id: int) -> list[PrepItem]:
        """The member's plan items, in day order."""
        return list(
            self.session.exec(
                select(PrepItem)
                .where(
                    col(PrepItem.community_id) == self.community_id,
                    col(PrepItem.member_id) == member_id,
                )
                .order_by(col(PrepItem.day), col(PrepItem.seq))
            )
        )

    def save_items(self, member_id: int, items: Iterable[Item]) -> None:
        """Write the plan's items back: update the rows that exist, add the new ones."""
        rows = {row.seq: row for row in self.items_of(member_id)}
        for item in items:
            row = rows.get(item.seq)
            if row is None:
                row = PrepItem(
                    community_id=self.community_id,
                    member_id=member_id,
                    seq=item.seq,
                    day=item.day,
                    slot=item.slot,
                    area=item.area,
                    kind=item.kind,
                )
                self.session.add(row)
            _copy(item, row)

    def drop_open_items(self, member_id: int) -> None:
        """Delete the items not done yet (a replan keeps only what was done)."""
        self.session.execute(
            delete(PrepItem).where(
                col(PrepItem.community_id) == self.community_id,
                col(PrepItem.member_id) == member_id,
                col(PrepItem.done).is_(None),
            )
        )

    def ratings_of(self, member_id: int) -> list[Rated]:
        """The member's self-ratings with each question's area."""
        rows = self.session.exec(
            select(
                col(ReviewState.question_id),
                col(Question.category),
                col(ReviewState.rating),
                col(ReviewState.due),
            )
            .join(Question, col(Question.id) == ReviewState.question_id)
            .where(
                col(ReviewState.community_id) == self.community_id,
                col(ReviewState.member_id) == member_id,
            )
        ).all()
        return [Rated(qid, area, rating, due) for qid, area, rating, due in rows]

    def bank_by_area(self) -> dict[str, list[str]]:
        """Every live question id, by area."""
        bank: dict[str, list[str]] = {}
        for qid, area, _ in live_questions(self.session, self.community_id):
            bank.setdefault(area, []).append(qid)
        return bank

    def question(self, question_id: str) -> Question | None:
        """A question this community may see, if it exists."""
        found = self.session.get(Question, question_id)
        visible = found is not None and is_visible_to(found.community_id, self.community_id)
        return found if visible else None

    def practice_time(self, member_id: int) -> tuple[str, str] | None:
        """(time, zone) of the member's daily practice DM, if it is on."""
        pref = self.session.get(PracticePref, member_id)
        if pref is None or not pref.enabled or pref.community_id != self.community_id:
            return None
        return pref.at_time, pref.timezone

    def interview_dates(self, since: date) -> list[date]:
        """The interview dates of every plan here still to come (no member named)."""
        return list(
            self.session.exec(
                select(col(PrepPlan.interview)).where(
                    col(PrepPlan.community_id) == self.community_id,
                    col(PrepPlan.interview) >= since,
                )
            )
        )

    def forget_member(self, member_id: int) -> None:
        """Delete the member's plan and its items."""
        for table in (PrepItem, PrepPlan):
            self.session.execute(
                delete(table).where(
                    col(table.community_id) == self.community_id,
                    col(table.member_id) == member_id,
                )
            )


def to_item(row: PrepItem) -> Item:
    """The core's view of a stored item."""
    return Item(
        seq=row.seq,
        day=row.day,
        slot=row.slot,
        area=row.area,
        kind=row.kind,
        mock_round=row.mock_round,
        question_id=row.question_id,
        done=row.done,
        rating=row.rating,
        dropped=row.dropped,
    )


def _copy(item: Item, row: PrepItem) -> None:
    row.day, row.slot, row.area, row.kind = item.day, item.slot, item.area, item.kind
    row.mock_round, row.question_id = item.mock_round, item.question_id
    row.done, row.rating, row.dropped = item.done, item.rating, item.dropped
