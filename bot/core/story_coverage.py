"""A member's map of the 16 principles: which have a story, how it scored, what to write next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.core.story import PRINCIPLE_IDS

STRONG = 3.0  # an average review score from here counts as a strong story

SHORT_NAMES = {
    "customer-obsession": "Customer Obsession",
    "ownership": "Ownership",
    "invent-and-simplify": "Invent & Simplify",
    "are-right-a-lot": "Are Right, A Lot",
    "learn-and-be-curious": "Learn & Be Curious",
    "hire-and-develop-the-best": "Hire & Develop",
    "insist-on-the-highest-standards": "Highest Standards",
    "think-big": "Think Big",
    "bias-for-action": "Bias for Action",
    "frugality": "Frugality",
    "earn-trust": "Earn Trust",
    "dive-deep": "Dive Deep",
    "have-backbone-disagree-and-commit": "Backbone; Disagree",
    "deliver-results": "Deliver Results",
    "strive-to-be-earths-best-employer": "Best Employer",
    "success-and-scale-bring-broad-responsibility": "Broad Responsibility",
}
# The principles interviewers ask about most come first when suggesting what to write next.
PRIORITY: tuple[str, ...] = (
    "customer-obsession",
    "ownership",
    "deliver-results",
    "dive-deep",
    "bias-for-action",
    "earn-trust",
    "have-backbone-disagree-and-commit",
    "invent-and-simplify",
    "are-right-a-lot",
    "insist-on-the-highest-standards",
    "learn-and-be-curious",
    "think-big",
    "hire-and-develop-the-best",
    "frugality",
    "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
)


class Status(StrEnum):
    MISSING = "missing"
    DRAFT = "draft"
    WAITING = "waiting"
    WORK = "work"
    STRONG = "strong"


STATUS_NAMES = {
    Status.MISSING: "no story yet",
    Status.DRAFT: "unfinished draft",
    Status.WAITING: "waiting for reviews",
    Status.WORK: "reviewed, needs work",
    Status.STRONG: "reviewed, strong",
}
STATUS_MARKS = {
    Status.MISSING: "⬜",
    Status.DRAFT: "✏️",
    Status.WAITING: "🔵",
    Status.WORK: "🟠",
    Status.STRONG: "✅",
}


@dataclass(frozen=True)
class StoryFacts:
    """What coverage needs to know about one of the member's stories."""

    number: int
    principles: tuple[str, ...]
    complete: bool
    average: float | None


@dataclass(frozen=True)
class Cell:
    principle: str
    status: Status
    stories: tuple[int, ...]
    best: float | None


@dataclass(frozen=True)
class Coverage:
    cells: tuple[Cell, ...]
    suggestion: str
    reason: str

    def covered(self) -> int:
        return sum(cell.status is not Status.MISSING for cell in self.cells)


def _cell(principle: str, stories: Sequence[StoryFacts]) -> Cell:
    mine = [s for s in stories if principle in s.principles]
    scores = [s.average for s in mine if s.average is not None]
    best = max(scores) if scores else None
    if not mine:
        status = Status.MISSING
    elif best is not None:
        status = Status.STRONG if best >= STRONG else Status.WORK
    elif any(s.complete for s in mine):
        status = Status.WAITING
    else:
        status = Status.DRAFT
    return Cell(principle, status, tuple(s.number for s in mine), best)


def coverage(stories: Sequence[StoryFacts]) -> Coverage:
    """Map the 16 principles to the member's stories and suggest the next one to write."""
    cells = tuple(_cell(p, stories) for p in PRINCIPLE_IDS)
    suggestion, reason = suggest(cells)
    return Coverage(cells, suggestion, reason)


def suggest(cells: Sequence[Cell]) -> tuple[str, str]:
    """Return the principle to work on next and why."""
    by_id = {cell.principle: cell for cell in cells}
    order = [by_id[p] for p in PRIORITY if p in by_id]
    for status, reason in (
        (Status.MISSING, "it has no story yet"),
        (Status.DRAFT, "its story is not finished"),
    ):
        found = next((c for c in order if c.status is status), None)
        if found is not None:
            return found.principle, reason
    work = [c for c in order if c.status is Status.WORK]
    if work:
        weakest = min(work, key=lambda c: c.best or 0.0)
        return weakest.principle, "its best story scored lowest in review"
    single = next((c for c in order if len(c.stories) < 2), order[0])
    return single.principle, "interviewers often ask twice about a principle: have a second story"
