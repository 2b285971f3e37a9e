"""Peer review of stories: the rubric, reading scores, and which story a reviewer gets next."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.words import plural

CRITERIA: tuple[str, ...] = ("star", "specificity", "ownership", "result", "fit")
CRITERION_NAMES = {
    "star": "STAR structure",
    "specificity": "Specificity",
    "ownership": "Ownership (I, not we)",
    "result": "Measurable result",
    "fit": "Fit to the principle",
}
RUBRIC = {
    "star": "1 parts missing · 2 parts blur together · 3 all four clear · 4 clear, Action longest",
    "specificity": "1 generalities · 2 some detail · 3 concrete systems and numbers · "
    "4 every line could be probed",
    "ownership": '1 "we" throughout · 2 own role unclear · 3 clear "I" steps · '
    "4 own decisions and trade-offs stand out",
    "result": "1 no result · 2 result without numbers · 3 a number · "
    "4 numbers with a baseline and the impact",
    "fit": "1 not shown · 2 implied · 3 shown · 4 shown strongly, probes answered",
}
SCALE = (1, 4)
SUBSTANTIVE_CHARS = 80  # comments at least this long earn review points
ASSIGNMENT_HOURS = 24  # an assignment offered by title stops holding a review slot after this
# A story taken (read whole) stays held until the scheduler releases it, a while after the
# reviewer's reminder (bot/core/story_nudges.py); past this it stops holding whatever happened.
TAKEN_HOLD_LIMIT = timedelta(hours=72)
# Enough to pass over a story one cannot judge fairly; too few to read every waiting story.
SKIPS_PER_DAY = 3

SCORE_HELP = (
    "Scores are five numbers from 1 to 4, in this order: STAR structure, specificity, "
    "ownership, measurable result, fit. For example `3 4 2 3 4`."
)


class ScoreError(ValueError):
    """Scores that cannot be read; the message says what to send instead."""


def parse_scores(text: str) -> dict[str, int]:
    """Read "3 4 2 3 4" (or "3,4,2,3,4" or "34234") into a score per criterion."""
    raw = text.strip()
    numbers = list(raw) if re.fullmatch(r"\d{5}", raw) else re.findall(r"-?\d+", raw)
    if len(numbers) != len(CRITERIA):
        got = f"I read {plural(len(numbers), 'number')}. "
        raise ScoreError(got + SCORE_HELP)
    low, high = SCALE
    values = [int(n) for n in numbers]
    wrong = next((v for v in values if not low <= v <= high), None)
    if wrong is not None:
        raise ScoreError(f"{wrong} is outside 1 to 4. {SCORE_HELP}")
    return dict(zip(CRITERIA, values, strict=True))


def average(scores: Iterable[dict[str, int]]) -> float | None:
    """Return the mean score over every criterion of every review (None without reviews)."""
    values = [score for review in scores for score in review.values()]
    return sum(values) / len(values) if values else None


def criterion_averages(scores: Sequence[dict[str, int]]) -> dict[str, float]:
    """Return the mean of each criterion over the reviews."""
    if not scores:
        return {}
    return {name: sum(s[name] for s in scores) / len(scores) for name in CRITERIA}


@dataclass(frozen=True)
class Slot:
    """One reviewer's relation to a story: a review done, skipped, or assigned and open."""

    reviewer_id: int | None
    status: str  # "open", "done" or "skipped"
    assigned_at: datetime
    taken_at: datetime | None = None  # None: offered by title only, not yet read


@dataclass(frozen=True)
class Candidate:
    """A story that may go to a reviewer."""

    story_id: int
    author_id: int
    ready_at: datetime
    slots: tuple[Slot, ...] = field(default=())


def holds(slot: Slot, now: datetime) -> bool:
    """Whether an open assignment still keeps a review slot for its reviewer.

    One offered by title holds for a day; a taken one until the scheduler releases it.
    """
    if slot.status != "open":
        return False
    if slot.taken_at is None:
        return slot.assigned_at > now - timedelta(hours=ASSIGNMENT_HOURS)
    return slot.taken_at > now - TAKEN_HOLD_LIMIT


def pending(candidate: Candidate, now: datetime) -> int:
    """Count reviews done plus assignments still being worked on."""
    return sum(s.status == "done" or holds(s, now) for s in candidate.slots)


def pick_for_review(
    candidates: Sequence[Candidate],
    reviewer_id: int,
    *,
    wanted: int,
    now: datetime,
    reviewed_authors: dict[int, int] | None = None,
) -> Candidate | None:
    """Choose the story with the fewest reviews that has waited longest, for this reviewer.

    Never the reviewer's own story, never one they reviewed or skipped, never one whose
    wanted reviews are all done or in progress. Open assignments count as reviews so that
    reviewers asking at the same time get different stories; between stories that are equal
    so far, the author this reviewer has reviewed least comes first, so each author hears
    from several reviewers.
    """
    seen = reviewed_authors or {}
    eligible = [
        c
        for c in candidates
        if c.author_id != reviewer_id
        and all(s.reviewer_id != reviewer_id for s in c.slots)
        and pending(c, now) < wanted
    ]
    if not eligible:
        return None
    return min(
        eligible,
        key=lambda c: (pending(c, now), c.ready_at, seen.get(c.author_id, 0), c.story_id),
    )


def is_substantive(comments: str) -> bool:
    """Return whether review comments are long enough to earn points."""
    return len(" ".join(comments.split())) >= SUBSTANTIVE_CHARS


def day_start(now: datetime, tz: str) -> datetime:
    """Return the UTC instant the day of `now` began in the time zone `tz`."""
    local = now.astimezone(ZoneInfo(tz))
    return datetime.combine(local.date(), time(), ZoneInfo(tz)).astimezone(UTC)
