"""Reading story rows as the rest of the feature needs them: ids, parts, principles, scores."""

from __future__ import annotations

from typing import Any

from bot.app.registry import UserError, row_id
from bot.core.story import PRINCIPLE_IDS, Star
from bot.core.story_review import CRITERIA, Candidate, Slot
from bot.features.story.tables import Story, StoryReview

GONE = "That story is no longer available: its author deleted it."
STALE = "That button no longer works. Run the command again for a fresh one."


def to_int(raw: str) -> int:
    """Read a number carried by a button or a form, refusing anything forged."""
    value = row_id(raw)
    if value is None:
        raise UserError(STALE)
    return value


def scores(review: StoryReview) -> dict[str, int]:
    """Return a finished review's scores by criterion."""
    return {name: int(getattr(review, name) or 0) for name in CRITERIA}


def star_of(story: Story) -> Star:
    """Return the story's four parts as the core sees them."""
    return Star(story.situation, story.task, story.action, story.result)


def principles_of(story: Story) -> tuple[str, ...]:
    """Return the story's principle ids (known ones only)."""
    return tuple(p for p in story.principles.split(",") if p in PRINCIPLE_IDS)


def story_id(story: Story) -> int:
    """Return a saved story's id."""
    assert story.id is not None
    return story.id


def blank(row: Any, *names: str) -> None:
    """Set the named text columns of a row to empty strings."""
    for name in names:
        setattr(row, name, "")


def candidate_of(story: Story, rows: list[StoryReview]) -> Candidate:
    """Return a ready story and its review rows as the core's review rules see them."""
    assert story.ready_at is not None
    slots = tuple(Slot(r.reviewer_id, r.status, r.assigned_at, r.taken_at) for r in rows)
    return Candidate(story_id(story), story.member_id, story.ready_at, slots)
