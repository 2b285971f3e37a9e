"""What the command line uses of a community's own bank: export it, import a checked file."""

from __future__ import annotations

from dataclasses import dataclass

from bot.bank.community import CommunityQuestion, Comparable, question_id, same_as, slug_of
from bot.bank.community_files import Loaded
from bot.content import Problem
from bot.core.clock import Clock
from bot.features.suggestions.store import SuggestionStore
from bot.storage.tables import Community, Question
from bot.storage.uow import Session


@dataclass(frozen=True)
class Imported:
    """What an import did, or every problem that stopped it (then nothing changed)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: tuple[Problem, ...] = ()


def community_exists(session: Session, community_id: int) -> bool:
    """Whether a community with this id exists."""
    return session.get(Community, community_id) is not None


def export_questions(session: Session, community_id: int) -> list[CommunityQuestion]:
    """The community's own live questions, as a file holds them."""
    rows = SuggestionStore(session, community_id).own_questions()
    return [
        CommunityQuestion.model_validate(
            {**row.data, "id": slug_of(row.id), "suggested_by": row.credit}
        )
        for row in rows
        if not row.retired
    ]


def import_questions(session: Session, community_id: int, loaded: Loaded, clock: Clock) -> Imported:
    """Add or update the file's questions in the community's bank; on any problem, none."""
    problems = list(loaded.problems) + _conflicts(session, community_id, loaded)
    if problems:
        return Imported(problems=tuple(problems))
    store = SuggestionStore(session, community_id)
    rows = {row.id: row for row in store.own_questions()}
    added = updated = unchanged = 0
    for question, _where in loaded.questions:
        row = rows.get(question_id(community_id, question.id))
        if row is None:
            row = Question(
                id=question_id(community_id, question.id),
                community_id=community_id,
                category=question.category,
                difficulty=question.difficulty,
                title=question.title,
            )
            added += 1
        elif (row.data, row.credit, row.retired) == (
            question.stored(),
            question.suggested_by,
            False,
        ):
            unchanged += 1
            continue
        else:
            updated += 1
        row.category, row.difficulty, row.title = (
            question.category,
            question.difficulty,
            question.title,
        )
        row.data, row.retired, row.updated_at = question.stored(), False, clock.now()
        if row.credit != question.suggested_by:
            row.credit, row.suggested_by = question.suggested_by, None
        store.save_question(row)
    return Imported(added, updated, unchanged)


def _conflicts(session: Session, community_id: int, loaded: Loaded) -> list[Problem]:
    """Ids given twice, and questions the bank (or the file) already asks."""
    problems, seen = [], set()
    bank = SuggestionStore(session, community_id).visible_bank()
    for question, where in loaded.questions:
        if question.id in seen:
            problems.append(_at(where, f"the id {question.id!r} is used twice in the file"))
            continue
        seen.add(question.id)
        own = question_id(community_id, question.id)
        alike = same_as(question, bank, own)
        if alike is not None:
            title, why = alike
            problems.append(_at(where, f"{question.id!r} asks what “{title}” asks ({why})"))
        bank.append(Comparable.of(own, question.category, question.title, question.stored()))
    return problems


def _at(where: Problem, message: str) -> Problem:
    return type(where)(**{**where.__dict__, "message": message})
