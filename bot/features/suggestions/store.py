"""The suggestions feature's store: members' suggestions and the community's own questions.

`SuggestionStore(session, community_id)` runs each query inside one community; the command
line's import and export use it too, with a session of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, update
from sqlmodel import col, func, select

from bot.bank.community import Comparable
from bot.bank.live import forget_question_pool, visible_to
from bot.core.points import Reason
from bot.features.leaderboard.api import award
from bot.features.suggestions.tables import Suggestion
from bot.storage.tables import Member, Question
from bot.storage.uow import Session

if TYPE_CHECKING:
    from bot.app.context import Ctx

PENDING = "pending"


class SuggestionStore:
    """Suggestions and the own question bank of one community."""

    def __init__(self, session: Session, community_id: int) -> None:
        self.session = session
        self.community_id = community_id

    def add(self, suggestion: Suggestion) -> None:
        """Keep a new suggestion, giving it its id."""
        self.session.add(suggestion)
        self.session.flush()

    def suggestion(self, suggestion_id: int) -> Suggestion | None:
        """A suggestion of this community by its id, if it exists."""
        found = self.session.get(Suggestion, suggestion_id)
        return found if found is not None and found.community_id == self.community_id else None

    def pending(self) -> list[Suggestion]:
        """The suggestions waiting for an admin, oldest first."""
        query = (
            select(Suggestion)
            .where(Suggestion.community_id == self.community_id, Suggestion.status == PENDING)
            .order_by(col(Suggestion.created_at), col(Suggestion.id))
        )
        return list(self.session.exec(query))

    def pending_of(self, member_id: int) -> int:
        """How many of a member's suggestions wait for an admin."""
        query = select(func.count()).where(
            Suggestion.community_id == self.community_id,
            Suggestion.member_id == member_id,
            Suggestion.status == PENDING,
        )
        return int(self.session.exec(query).one())

    def member(self, member_id: int) -> Member | None:
        """A member of this community, if it exists."""
        found = self.session.get(Member, member_id)
        return found if found is not None and found.community_id == self.community_id else None

    def own_questions(self) -> list[Question]:
        """The community's own questions (retired ones too), in the order they were added."""
        query = (
            select(Question)
            .where(Question.community_id == self.community_id)
            .order_by(col(Question.updated_at), col(Question.id))
        )
        return list(self.session.exec(query))

    def visible_bank(self) -> list[Comparable]:
        """Every live question this community sees, as the near-duplicate check reads them."""
        query = select(Question.id, Question.category, Question.title, Question.data).where(
            Question.retired == False,  # noqa: E712
            visible_to(self.community_id),
        )
        rows = self.session.exec(query)
        return [Comparable.of(qid, kind, title, dict(data)) for qid, kind, title, data in rows]

    def save_question(self, question: Question) -> None:
        """Add or update one of the community's questions; pickers see it at once."""
        assert question.community_id == self.community_id
        self.session.add(question)
        self.session.flush()
        forget_question_pool()

    def award(self, ctx: Ctx, member_id: int, suggestion_id: int) -> int:
        """Award an approved suggestion's points to its author once; return them."""
        return award(ctx, Reason.SUGGESTION_APPROVED, f"suggestion:{suggestion_id}", member_id)

    def forget_member(self, member_id: int) -> tuple[int, int]:
        """Delete a member's suggestions and unname their approved questions; say how many."""
        gone = self.session.execute(
            delete(Suggestion).where(
                col(Suggestion.community_id) == self.community_id,
                col(Suggestion.member_id) == member_id,
            )
        )
        unnamed = self.session.execute(
            update(Question)
            .where(
                col(Question.community_id) == self.community_id,
                col(Question.suggested_by) == member_id,
            )
            .values(suggested_by=None, credit=None)
        )
        forget_question_pool()
        return int(getattr(gone, "rowcount", 0) or 0), int(getattr(unnamed, "rowcount", 0) or 0)
