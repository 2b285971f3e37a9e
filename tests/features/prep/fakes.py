"""An in-memory PrepStore: plans, items, ratings and a bank, and no database."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.core.prep_adapt import Rated
from bot.core.prep_plan import Item
from bot.features.prep.store import PrepStore
from bot.features.prep.tables import PrepItem, PrepPlan
from bot.storage.tables import Question
from tests.fakes import FakeUnitOfWork


class FakePrepStore(PrepStore):
    """The prep rows of the fake community, kept in dicts and lists."""

    def __init__(self, questions: Iterable[Question] = ()) -> None:
        self.community_id = FakeUnitOfWork.COMMUNITY_ID
        self.plans: dict[int, PrepPlan] = {}
        self.rows: list[PrepItem] = []
        self.ratings: dict[int, list[Rated]] = {}
        self.questions = {q.id: q for q in questions}
        self.practice: dict[int, tuple[str, str]] = {}

    def plan_of(self, member_id: int) -> PrepPlan | None:
        return self.plans.get(member_id)

    def add_plan(self, plan: PrepPlan) -> None:
        self.plans[plan.member_id] = plan

    def items_of(self, member_id: int) -> list[PrepItem]:
        mine = [r for r in self.rows if r.member_id == member_id]
        return sorted(mine, key=lambda r: (r.day, r.seq))

    def save_items(self, member_id: int, items: Iterable[Item]) -> None:
        rows = {r.seq: r for r in self.items_of(member_id)}
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
                self.rows.append(row)
            row.day, row.slot, row.area, row.kind = item.day, item.slot, item.area, item.kind
            row.mock_round, row.question_id = item.mock_round, item.question_id
            row.done, row.rating, row.dropped = item.done, item.rating, item.dropped

    def drop_open_items(self, member_id: int) -> None:
        self.rows = [r for r in self.rows if r.member_id != member_id or r.done is not None]

    def ratings_of(self, member_id: int) -> list[Rated]:
        return list(self.ratings.get(member_id, []))

    def bank_by_area(self) -> dict[str, list[str]]:
        bank: dict[str, list[str]] = {}
        for question in self.questions.values():
            bank.setdefault(question.category, []).append(question.id)
        return bank

    def question(self, question_id: str) -> Question | None:
        return self.questions.get(question_id)

    def practice_time(self, member_id: int) -> tuple[str, str] | None:
        return self.practice.get(member_id)

    def interview_dates(self, since: date) -> list[date]:
        return [p.interview for p in self.plans.values() if p.interview >= since]

    def forget_member(self, member_id: int) -> None:
        self.plans.pop(member_id, None)
        self.rows = [r for r in self.rows if r.member_id != member_id]
