"""A community's own questions: their shape, their ids, and the checks the shipped bank gets.

A community question is a shipped question without the parts only authors of the shipped bank
write (a coding solution with tests, a design outline, level anchors): the same lengths, the
same required fields, the same blank-entry check and the same near-duplicate checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.content import ID_PATTERN, _has_blank, _shingles
from bot.content import Question as ShippedQuestion
from bot.core.vocabulary import LEVELS, Category, Difficulty, Level, Round
from bot.similarity import alike_to

SLUG_LIMIT = 60  # "c<community id>." comes before it, within the bank's 80
HINT_LIMIT = 3
PROMPT_OVERLAP = 0.5  # the shipped bank's near-duplicate threshold on prompt trigrams
LIST_FIELDS = ("rounds", "levels", "hints", "follow_ups", "strong_answer")


def _all_levels() -> list[Level]:
    return cast("list[Level]", list(LEVELS))


def _same(name: str) -> Any:
    """The shipped bank's rules for one field (its length limits and whether it is required)."""
    return copy(ShippedQuestion.model_fields[name])


class CommunityQuestion(BaseModel):
    """One question of a community's own bank, as a file holds it and a form fills it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN, max_length=SLUG_LIMIT)
    category: Category
    rounds: list[Round] = Field(min_length=1)
    difficulty: Difficulty
    levels: list[Level] = Field(default_factory=lambda: _all_levels(), min_length=1)
    topic: str = Field(default="community", min_length=2, max_length=60)
    title: str = _same("title")
    prompt: str = _same("prompt")
    hints: list[str] = Field(min_length=1, max_length=HINT_LIMIT)
    follow_ups: list[str] = Field(default_factory=list)
    strong_answer: list[str] = _same("strong_answer")
    suggested_by: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _no_blank_entries(self) -> CommunityQuestion:
        blank = [n for n in ("hints", "follow_ups", "strong_answer") if _has_blank(self, n)]  # type: ignore[arg-type]
        if blank:
            raise ValueError(f"empty or very short entries in: {', '.join(blank)}")
        return self

    # What the similarity check reads of a shipped question and a community one lacks.
    @property
    def listen_for(self) -> list[str]:
        return []

    @property
    def solution(self) -> None:
        return None

    def stored(self) -> dict[str, Any]:
        """The question's data as the bank table keeps it (without the credit)."""
        return self.model_dump(mode="json", exclude={"suggested_by"})


@dataclass(frozen=True)
class Comparable:
    """A question of the live bank, as the near-duplicate check reads it."""

    id: str
    category: str
    title: str
    prompt: str
    strong_answer: list[str]
    follow_ups: list[str]
    hints: list[str]
    listen_for: list[str]
    solution: None = None

    @classmethod
    def of(cls, qid: str, category: str, title: str, data: dict[str, Any]) -> Comparable:
        """Read a stored question's data (a shipped or a community one)."""

        def texts(name: str) -> list[str]:
            return [str(item) for item in data.get(name, ())]

        prompt = str(data.get("prompt", ""))
        return cls(
            qid,
            category,
            title,
            prompt,
            strong_answer=texts("strong_answer"),
            follow_ups=texts("follow_ups"),
            hints=texts("hints"),
            listen_for=texts("listen_for"),
        )


def question_id(community_id: int, slug: str) -> str:
    """The bank id of a community's question: shipped ids have no dot, so none can collide."""
    return f"c{community_id}.{slug}"


def slug_of(stored_id: str) -> str:
    """The id a community question has in its community's files."""
    return stored_id.partition(".")[2] or stored_id


def slug_for(title: str, taken: Iterable[str]) -> str:
    """A new id from a title, unlike any taken one: "two-sum", else "two-sum-2"."""
    words = re.findall(r"[a-z0-9]+", title.lower()) or ["question"]
    base = "-".join(words)[: SLUG_LIMIT - 4].strip("-") or "question"
    used = set(taken)
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


@lru_cache(maxsize=4096)
def _prompt_shingles(prompt: str) -> frozenset[tuple[str, ...]]:
    """A bank prompt's word trigrams, kept: every check reads the whole bank."""
    return frozenset(_shingles(prompt))


def same_as(
    question: CommunityQuestion, bank: Sequence[Comparable], own_id: str
) -> tuple[str, str] | None:
    """The title of a question the bank already asks like this one, and why; else None.

    own_id is the question's stored id: an updated question is not a duplicate of itself.
    """
    others = [q for q in bank if q.id != own_id]
    candidate = question.model_copy(update={"id": own_id})  # a slug may equal a shipped id
    words = _shingles(question.prompt)
    for other in others:
        theirs = _prompt_shingles(other.prompt)
        overlap = len(words & theirs) / max(1, len(words | theirs))
        if overlap > PROMPT_OVERLAP:
            return other.title, f"{overlap:.0%} of the prompt's wording is shared"
    pairs = alike_to(candidate, others)
    if pairs:
        found = next(q for q in others if q.id == pairs[0].left)
        return found.title, f"similarity {pairs[0].score:.2f}"
    return None


LABELS = {
    "id": "the id",
    "category": "the category",
    "rounds": "the rounds",
    "difficulty": "the difficulty",
    "levels": "the levels",
    "topic": "the topic",
    "title": "the title",
    "prompt": "the prompt",
    "hints": "the hints",
    "follow_ups": "the follow-ups",
    "strong_answer": "what a strong answer covers",
    "suggested_by": "the credit",
}


def friendly(error: ValidationError) -> list[str]:
    """Each problem of a form as a sentence a member understands."""
    return [_sentence(item) for item in error.errors()]


def _sentence(item: Any) -> str:
    where = str(item["loc"][0]) if item["loc"] else ""
    label = LABELS.get(where, "the question")
    limits = item.get("ctx") or {}
    kind = item["type"]
    if kind == "string_too_short":
        return f"Write at least {limits['min_length']} characters for {label}."
    if kind == "string_too_long":
        return f"Keep {label} to {limits['max_length']:,} characters."
    if kind == "too_short":
        return f"Give at least {limits['min_length']} of {label}, one a line."
    if kind == "too_long":
        return f"Give at most {limits['max_length']} of {label}, one a line."
    return str(item["msg"]).removeprefix("Value error, ").capitalize() + "."
