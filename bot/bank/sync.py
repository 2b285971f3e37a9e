"""Load the question bank into the database, keyed by id: add, update, retire."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.bank.live import forget_question_pool
from bot.content import Bank
from bot.core.clock import Clock
from bot.storage.tables import Question


@dataclass(frozen=True)
class SyncReport:
    added: int
    updated: int
    retired: int
    unchanged: int

    def __str__(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.retired} retired, "
            f"{self.unchanged} unchanged"
        )


def sync_bank(*, session: Session, bank: Bank, clock: Clock) -> SyncReport:
    """Make the question table match the bank; retired questions keep their history.

    Communities' own questions are not the bank's: it neither updates nor retires them.
    """
    shipped = select(Question).where(col(Question.community_id).is_(None))
    rows = {row.id: row for row in session.exec(shipped)}
    added = updated = unchanged = retired = 0
    for qid, question in bank.questions.items():
        data = question.model_dump(mode="json", exclude_none=True)
        row = rows.get(qid)
        if row is None:
            session.add(
                Question(
                    id=qid,
                    category=question.category,
                    difficulty=question.difficulty,
                    title=question.title,
                    data=data,
                    updated_at=clock.now(),
                )
            )
            added += 1
            continue
        fresh = (question.category, question.difficulty, question.title, data, False)
        if (row.category, row.difficulty, row.title, row.data, row.retired) == fresh:
            unchanged += 1
            continue
        row.category, row.difficulty, row.title, row.data, row.retired = fresh
        row.updated_at = clock.now()
        updated += 1
    for qid, row in rows.items():
        if qid not in bank.questions and not row.retired:
            row.retired = True
            row.updated_at = clock.now()
            retired += 1
    forget_question_pool()
    return SyncReport(added, updated, retired, unchanged)
