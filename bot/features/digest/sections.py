"""The digest's sections, in the order they are read: each one line, or None for nothing to say.

A section marked `news` is a reason to send: something the member did last week or something
that waits for them. The rank and the streak only add to a digest; alone they send none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.calendar import day_label, local_moment
from bot.core.cards import Text, UserText, rich
from bot.core.standings import Standing
from bot.core.timezones import local_label
from bot.core.words import plural
from bot.features.digest.store import DigestStore
from bot.features.leaderboard.api import ALL_TIME, week_period


@dataclass(frozen=True)
class Facts:
    """What every section reads: whose digest, for which week, and when it is written."""

    store: DigestStore
    member_id: int
    reviewer: bool  # offered stories that wait for a reviewer (`/profile set reviewer:on`)
    zone: str  # the member's time zone: times in a DM are in it
    community_zone: str  # the zone the boards count their weeks in
    monday: date  # the member's local Monday this digest is for
    now: datetime

    @property
    def last_monday(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def today(self) -> date:
        return self.now.astimezone(ZoneInfo(self.zone)).date()


@dataclass(frozen=True)
class Section:
    """One line of the digest; `news`: the line alone makes the digest worth sending."""

    name: str
    line: Callable[[Facts], Text | None]
    news: bool = True


def last_week(facts: Facts) -> Text | None:
    """Answers, stories and points of last week, and the place on that week's board."""
    start, end = (
        local_moment(day, time(0), facts.community_zone)
        for day in (facts.last_monday, facts.monday)
    )
    answers = facts.store.answers(facts.member_id, start, end)
    stories = facts.store.stories(facts.member_id, start, end)
    board = facts.store.standing(facts.member_id, week_period(facts.last_monday))
    if not answers and not stories and board is None:
        return None
    parts = [plural(answers, "answer")] + ([plural(stories, "story", "stories")] if stories else [])
    if board is not None:
        parts += [board.score, f"{board.label} on the week's board"]
    sunday = facts.monday - timedelta(days=1)
    span = f"{day_label(facts.last_monday)} – {day_label(sunday)}"
    return f"**Last week** ({span}): " + " · ".join(parts)


def rank(facts: Facts) -> Text | None:
    """The all-time rank, as /leaderboard shows it, and how it moved in a week."""
    now = facts.store.standing(facts.member_id, ALL_TIME)
    if now is None:
        return None
    then = facts.store.standing_at(facts.member_id, facts.now - timedelta(days=7))
    return f"**Rank:** {now.label} all time ({_moved(now, then)})"


def _moved(now: Standing, then: Standing | None) -> str:
    if then is None:
        return "new on the board this week"
    if now.rank < then.rank:
        return f"up from {then.label} a week ago"
    if now.rank > then.rank:
        return f"down from {then.label} a week ago"
    return f"{then.label} a week ago too"


def streak(facts: Facts) -> Text | None:
    """The answering streak, when there is one (and streaks are on)."""
    days = facts.store.streak(facts.member_id, facts.today)
    return f"**Streak:** {plural(days, 'day')}" if days else None


def practice(facts: Facts) -> Text | None:
    """Questions that came back for review."""
    due = facts.store.practice_due(facts.member_id, facts.today)
    if not due:
        return None
    return f"**Practice:** {plural(due, 'question')} due for review: `/practice`"


def next_mock(facts: Facts) -> Text | None:
    """The member's next mock interview, or their request still waiting for a partner."""
    mock = facts.store.next_mock(facts.member_id)
    if mock is None:
        return None
    if mock.waiting:
        return f"**Next mock:** {mock.round}, waiting for a partner (`/mock status`)"
    people: list[str] = []
    for index, name in enumerate(mock.partners):
        people += [" and " if index else " with ", UserText(name)]
    if mock.at is None:
        when = ", time to be agreed"
    elif (mock.at if mock.at.tzinfo else mock.at.replace(tzinfo=UTC)) < facts.now:
        when = f", planned for {local_label(mock.at, facts.zone)}: `/mock done` once you have met"
    else:
        agreed = "confirmed" if mock.confirmed else "proposed"
        when = f", {agreed} for {local_label(mock.at, facts.zone)}"
    return rich("**Next mock:** ", mock.round, *people, when)


def stories(facts: Facts) -> Text | None:
    """Stories the member took to review, and, if they offered to review, ones waiting."""
    waiting = facts.store.reviews_waiting(facts.member_id)
    parts = [f"{waiting.held} you took" if waiting.held else ""]
    if facts.reviewer and waiting.open:
        parts.append(f"{waiting.open} waiting for a reviewer")
    shown = [part for part in parts if part]
    if not shown:
        return None
    return "**Stories to review:** " + " · ".join(shown) + ": `/story review`"


def prep_plan(facts: Facts) -> Text | None:
    """The personal prep plan's progress, when the member has one."""
    progress = facts.store.plan_progress(facts.member_id, facts.today)
    return f"**Prep plan:** {progress}" if progress else None


SECTIONS: tuple[Section, ...] = (
    Section("last week", last_week),
    Section("rank", rank, news=False),
    Section("streak", streak, news=False),
    Section("practice", practice),
    Section("next mock", next_mock),
    Section("stories", stories),
    Section("prep plan", prep_plan),
)


def digest_lines(facts: Facts, sections: tuple[Section, ...] = SECTIONS) -> list[Text]:
    """The digest's lines; none when no section has news for the member."""
    found = [(section, section.line(facts)) for section in sections]
    if not any(section.news and line is not None for section, line in found):
        return []
    return [line for _, line in found if line is not None]
