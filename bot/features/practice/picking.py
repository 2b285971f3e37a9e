"""Which question /practice and the practice DM offer a member today."""

from __future__ import annotations

from datetime import date

from bot.core.clock import seeded
from bot.core.repetition import RATING_LABELS
from bot.features.practice.store import PracticeStore
from bot.storage.tables import Question


def pick_practice(store: PracticeStore, member_id: int, today: date) -> tuple[Question, str] | None:
    """Return the most overdue review, else an unseen question, else the next one coming due."""
    return (
        _overdue(store, member_id, today)
        or _unseen(store, member_id, today)
        or _coming(store, member_id)
    )


def _overdue(store: PracticeStore, member_id: int, today: date) -> tuple[Question, str] | None:
    due = store.most_overdue(member_id, today)
    if due is None:
        return None
    question = store.question(due.question_id)
    if question is None or question.retired:
        return None
    label = RATING_LABELS.get(due.rating, due.rating)
    return question, f"due for review (last time: {label})"


def _unseen(store: PracticeStore, member_id: int, today: date) -> tuple[Question, str] | None:
    seen = store.rated_ids(member_id) | store.answered_ids(member_id)
    pool = sorted(qid for qid in store.live_question_ids() if qid not in seen)
    if not pool:
        return None
    question = store.question(seeded(member_id, today.isoformat()).choice(pool))
    assert question is not None
    return question, "new to you"


def _coming(store: PracticeStore, member_id: int) -> tuple[Question, str] | None:
    later = store.next_coming(member_id)
    if later is None:
        return None
    question = store.question(later.question_id)
    return (question, f"coming due on {later.due.isoformat()}") if question else None
