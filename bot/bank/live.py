"""The live question bank as the daily loop and practice pick from it, cached for a minute."""

from __future__ import annotations

from time import monotonic
from typing import NamedTuple

from sqlmodel import Session, select

from bot.storage.tables import Question

_POOL_TTL_SECONDS = 60.0
_pool_cache: dict[str, tuple[float, list[tuple[str, str, str]]]] = {}


def live_questions(session: Session) -> list[tuple[str, str, str]]:
    """Return (id, category, difficulty) of every live question, cached for a minute."""
    key = str(session.get_bind().engine.url)
    cached = _pool_cache.get(key)
    if cached is not None and monotonic() - cached[0] < _POOL_TTL_SECONDS:
        return cached[1]
    rows = session.exec(
        select(Question.id, Question.category, Question.difficulty).where(
            Question.retired == False  # noqa: E712
        )
    ).all()
    fresh = [(qid, category, level) for qid, category, level in rows]
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


_candidate_cache: dict[str, tuple[float, list[Candidate]]] = {}


def live_candidates(session: Session) -> list[Candidate]:
    """Every live question with its rounds, topic and levels, cached for a minute."""
    key = str(session.get_bind().engine.url)
    cached = _candidate_cache.get(key)
    if cached is not None and monotonic() - cached[0] < _POOL_TTL_SECONDS:
        return cached[1]
    rows = session.exec(
        select(Question.id, Question.category, Question.difficulty, Question.data).where(
            Question.retired == False  # noqa: E712
        )
    ).all()
    fresh = [
        Candidate(
            qid,
            category,
            level,
            tuple(data.get("rounds", ())),
            str(data.get("topic", "")),
            tuple(data.get("levels", ())),
        )
        for qid, category, level, data in rows
    ]
    _candidate_cache[key] = (monotonic(), fresh)
    return fresh


def forget_question_pool() -> None:
    """Drop the cached question pools (after the bank was synced)."""
    _pool_cache.clear()
    _candidate_cache.clear()
