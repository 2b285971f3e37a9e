"""An in-memory PracticeStore: self-ratings, settings and a bank, and no database."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.features.practice.store import PracticeStore
from bot.features.practice.tables import PracticePref, ReviewState
from bot.storage.tables import Member, Question
from tests.fakes import FakeUnitOfWork


def question(qid: str, title: str = "", *, retired: bool = False) -> Question:
    """A bank question as the fakes hold it."""
    return Question(
        id=qid, category="coding", difficulty="easy", title=title or qid, retired=retired
    )


class FakePracticeStore(PracticeStore):
    """The practice rows of the fake community, kept in lists and dicts."""

    def __init__(
        self, questions: Iterable[Question] = (), answered: dict[int, set[str]] | None = None
    ) -> None:
        self.community_id = FakeUnitOfWork.COMMUNITY_ID
        self.questions = {q.id: q for q in questions}
        self.answered = answered or {}
        self.reviews: list[ReviewState] = []
        self.prefs: dict[int, PracticePref] = {}

    def _mine(self, member_id: int) -> list[ReviewState]:
        return [s for s in self.reviews if s.member_id == member_id]

    def review_of(self, member_id: int, question_id: str) -> ReviewState | None:
        found = [s for s in self._mine(member_id) if s.question_id == question_id]
        return found[0] if found else None

    def add_review(self, state: ReviewState) -> None:
        state.id = len(self.reviews) + 1
        self.reviews.append(state)

    def most_overdue(self, member_id: int, today: date) -> ReviewState | None:
        due = [s for s in self._mine(member_id) if s.due <= today]
        return min(due, key=lambda s: (s.due, s.id or 0), default=None)

    def next_coming(self, member_id: int) -> ReviewState | None:
        return min(self._mine(member_id), key=lambda s: s.due, default=None)

    def rated_ids(self, member_id: int) -> set[str]:
        return {s.question_id for s in self._mine(member_id)}

    def answered_ids(self, member_id: int) -> set[str]:
        return set(self.answered.get(member_id, set()))

    def live_question_ids(self) -> list[str]:
        return [q.id for q in self.questions.values() if not q.retired]

    def question(self, question_id: str) -> Question | None:
        return self.questions.get(question_id)

    def member(self, member_id: int) -> Member | None:
        raise NotImplementedError("the scheduled DM runs on a database")

    def pref_of(self, member_id: int) -> PracticePref | None:
        return self.prefs.get(member_id)

    def add_pref(self, pref: PracticePref) -> None:
        self.prefs[pref.member_id] = pref

    def forget_member(self, member_id: int) -> None:
        self.reviews = [s for s in self.reviews if s.member_id != member_id]
        self.prefs.pop(member_id, None)
