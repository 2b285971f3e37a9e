"""Keeping stories moving: when a waiting story is offered, a held one reminded and released.

A story that waited OFFER_AFTER for its reviews is offered by direct message to a few members
who opted in as reviewers, those with the fewest recent reviews first. A reviewer who took a
story and has not finished it after REMIND_AFTER is reminded once; RELEASE_AFTER later the
story goes back to waiting. The channel of a live sprint hears once a day how many wait.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.story_review import Candidate, holds, pending
from bot.core.words import plural

OFFER_AFTER = timedelta(hours=48)
OFFERS_PER_STORY = 3
REMIND_AFTER = timedelta(hours=24)
RELEASE_AFTER = timedelta(hours=12)  # after the reminder
RECENT = timedelta(days=30)  # the reviews that count for "fewest recent reviews" and the wait
# Scheduled work stays due this long, within the scheduler's claim window (3 days), so that a
# claimed piece is never found again.
LOOK_BACK = timedelta(days=2)
# The channel's daily line: early afternoon in the channel's zone, and never late at night.
LINE_FROM, LINE_UNTIL = time(13, 0), time(21, 0)


@dataclass(frozen=True)
class Volunteer:
    """A member who opted in as a reviewer, with their finished reviews lately."""

    member_id: int
    recent_reviews: int


def choose_reviewers(
    volunteers: Sequence[Volunteer], candidate: Candidate, limit: int = OFFERS_PER_STORY
) -> list[int]:
    """Pick who is offered a story: never its author nor anyone it was already with.

    The fewest recent reviews come first, so the work spreads; ties go to the earlier member.
    """
    known = {slot.reviewer_id for slot in candidate.slots}
    eligible = [
        v for v in volunteers if v.member_id != candidate.author_id and v.member_id not in known
    ]
    eligible.sort(key=lambda v: (v.recent_reviews, v.member_id))
    return [v.member_id for v in eligible[:limit]]


def needs_reviewers(candidate: Candidate, wanted: int, now: datetime) -> bool:
    """Whether a story still wants reviews nobody has done or is doing."""
    return pending(candidate, now) < wanted


def is_offer_due(candidate: Candidate, wanted: int, now: datetime) -> bool:
    """Whether a story waited long enough, lately enough, to be offered to reviewers."""
    since = now - candidate.ready_at
    return OFFER_AFTER <= since < OFFER_AFTER + LOOK_BACK and needs_reviewers(
        candidate, wanted, now
    )


def in_review(candidate: Candidate, now: datetime) -> int:
    """Count the reviewers who took the story and are still holding it."""
    return sum(s.taken_at is not None and holds(s, now) for s in candidate.slots)


def state_text(candidate: Candidate, wanted: int, now: datetime) -> str:
    """A story's review state for its author: waiting, in review by 1, reviewed 2/2."""
    done = sum(s.status == "done" for s in candidate.slots)
    if done >= wanted:
        return f"reviewed {done}/{wanted}"
    reading = in_review(candidate, now)
    state = f"in review by {reading}" if reading else "waiting for a reviewer"
    return f"{state} · reviewed {done}/{wanted}"


def release_at(reminded_at: datetime) -> datetime:
    """When a reminded reviewer's hold on a story ends."""
    return reminded_at + RELEASE_AFTER


def line_due(now: datetime, tz: str) -> bool:
    """Whether the channel's daily line may be posted now (early afternoon to evening, local)."""
    local = now.astimezone(ZoneInfo(tz)).time()
    return LINE_FROM <= local < LINE_UNTIL


def waiting_line(count: int) -> str:
    """The channel's line: "3 stories are waiting for review - /story review"."""
    verb = "is" if count == 1 else "are"
    return f"{plural(count, 'story', 'stories')} {verb} waiting for review - /story review"


def duration_text(span: timedelta) -> str:
    """A rough span: "under an hour", "about 9 hours", "about 3 days"."""
    hours = span.total_seconds() / 3600
    if hours < 1:
        return "under an hour"
    if hours < 48:
        return f"about {plural(round(hours), 'hour')}"
    return f"about {plural(round(hours / 24), 'day')}"


def expected_wait(first_reviews: Sequence[timedelta], ahead: int) -> str:
    """What an author is told about the wait, from how long recent first reviews took.

    With no history it says so instead of guessing.
    """
    verb = "waits" if ahead == 1 else "wait"
    queue = f" {plural(ahead, 'other story', 'other stories')} also {verb}." if ahead else ""
    if not first_reviews:
        return (
            "No story here has been reviewed lately, so I can't tell how long it will take. "
            f"If nobody takes it within {plural(OFFER_AFTER.days, 'day')}, members who opted in "
            f"as reviewers are asked directly.{queue}"
        )
    typical = timedelta(seconds=statistics.median(s.total_seconds() for s in first_reviews))
    based = plural(len(first_reviews), "recent story", "recent stories")
    return f"Expect a first review in {duration_text(typical)} (the middle of {based}).{queue}"
