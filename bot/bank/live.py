"""The live question bank as the daily loop and practice pick from it, cached for a minute."""

from __future__ import annotations

from time import monotonic
from typing import NamedTuple

from sqlalchemy import ColumnElement, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.storage.tables import Question

_POOL_TTL_SECONDS = 60.0
_pool_cache: dict[str, tuple[float, list[tuple[str, str, str, int | None]]]] = {}


def visible_to(community_id: int) -> ColumnElement[bool]:
    """The questions a community may see: the shipped bank and its own, never another's."""
    return or_(col(Question.community_id).is_(None), col(Question.community_id) == community_id)


def in_shipped_bank() -> ColumnElement[bool]:
    """The shipped bank's questions only (no community's own)."""
    return col(Question.community_id).is_(None)


def is_visible_to(owner: int | None, community_id: int) -> bool:
    """Whether a question of this owner (None: the shipped bank) is one a community may see."""
    return owner is None or owner == community_id


def candidates_visible_to(bank: list[Candidate], community_id: int) -> list[Candidate]:
    """The candidates a community may be asked: the shipped bank and its own questions."""
    return [row for row in bank if is_visible_to(row.community_id, community_id)]


def live_questions(session: Session, community_id: int) -> list[tuple[str, str, str]]:
    """Return (id, category, difficulty) of every live question a community may see."""
    return [
        (qid, category, level)
        for qid, category, level, owner in _live_rows(session)
        if is_visible_to(owner, community_id)
    ]


def _live_rows(session: Session) -> list[tuple[str, str, str, int | None]]:
    """(id, category, difficulty, community) of every live question, cached for a minute."""
    key = str(session.get_bind().engine.url)
    cached = _pool_cache.get(key)
    if cached is not None and monotonic() - cached[0] < _POOL_TTL_SECONDS:
        return cached[1]
    rows = session.exec(
        select(Question.id, Question.category, Question.difficulty, Question.community_id).where(
            Question.retired == False  # noqa: E712
        )
    ).all()
    fresh = [(qid, category, level, owner) for qid, category, level, owner in rows]
    _pool_cache[key] = (monotonic(), fresh)
    return fresh


class Candidate(NamedTuple):
    """What the daily picker filters a live question by."""

    id: str
    category: str
    difficulty: str
    rounds: tuple[str, ...] = ()
    topic: str = ""
    levels: tuple[str, ...] = ()
    community_id: int | None = None  # None: the shipped bank; else the one community it is for


_candidate_cache: dict[str, tuple[float, list[Candidate]]] = {}


def live_candidates(session: Session) -> list[Candidate]:
    """Every live question with its rounds, topic and levels, cached for a minute.

    Every community's own questions are among them: pick with `candidates_visible_to`.
    """
    key = str(session.get_bind().engine.url)
    cached = _candidate_cache.get(key)
    if cached is not None and monotonic() - cached[0] < _POOL_TTL_SECONDS:
        return cached[1]
    rows = session.execute(
        sa_select(
            col(Question.id),
            col(Question.category),
            col(Question.difficulty),
            col(Question.data),
            col(Question.community_id),
        ).where(col(Question.retired) == False)  # noqa: E712
    ).all()
    fresh = [
        Candidate(
            qid,
            category,
            level,
            tuple(data.get("rounds", ())),
            str(data.get("topic", "")),
            tuple(data.get("levels", ())),
            owner,
        )
        for qid, category, level, data, owner in rows
    ]
    _candidate_cache[key] = (monotonic(), fresh)
    return fresh


def forget_question_pool() -> None:
    """Drop the cached question pools (after the bank was synced)."""
    _pool_cache.clear()
    _candidate_cache.clear()
