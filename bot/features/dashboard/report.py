"""The admin page's tables, built from one community's numbers; each can be exported as CSV."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.core.story_coverage import SHORT_NAMES
from bot.core.words import plural
from bot.features.dashboard.store import NumbersStore
from bot.features.sprints.api import Sprint

WINDOW_DAYS = 28
Cell = str | int
Post = tuple[date, str, str, int]  # day, question id, title, answers


@dataclass(frozen=True)
class Table:
    """One table of the admin page: its CSV name, title, what it covers, headers and rows."""

    key: str
    title: str
    about: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Day:
    """One bar of the participation chart."""

    day: date
    answers: int
    members: int


@dataclass(frozen=True)
class Report:
    """Everything the admin page shows of one community."""

    community: str
    members: int
    today: date
    as_of: datetime  # in the community's zone
    days: tuple[Day, ...]
    tables: tuple[Table, ...]

    def table(self, key: str) -> Table | None:
        """The table exported as `key`.csv, if there is one."""
        return next((t for t in self.tables if t.key == key), None)


def build_report(store: NumbersStore, *, community: str, now: datetime) -> Report:
    """Read every number of the admin page for the store's community; `now` in its zone."""
    today = now.date()
    since = today - timedelta(days=WINDOW_DAYS - 1)
    posts = store.answers_per_post(since)
    days = _days(store, posts, since, today)
    tables = (
        _participation(days),
        _answer_rates(store, posts, since),
        _sprints(store, today),
        _mock_funnel(store, now - timedelta(days=WINDOW_DAYS)),
        _review_latency(store, now - timedelta(days=WINDOW_DAYS)),
        _coverage(store),
    )
    return Report(community, store.member_count(), today, now, days, tables)


def _days(store: NumbersStore, posts: list[Post], since: date, today: date) -> tuple[Day, ...]:
    """Answers and members per day; a day of one post has as many members as answers."""
    answers: Counter[date] = Counter()
    count: Counter[date] = Counter()
    for day, *_, n in posts:
        answers[day] += n
        count[day] += 1
    members = dict(answers)
    shared = [day for day, n in count.items() if n > 1]
    if shared:
        members.update(store.members_on(shared))
    span = (since + timedelta(days=i) for i in range((today - since).days + 1))
    return tuple(Day(d, answers[d], members.get(d, 0)) for d in span)


def _participation(days: tuple[Day, ...]) -> Table:
    return Table(
        "participation",
        "Participation per day",
        f"Answers to the question of the day and members who answered, last {WINDOW_DAYS} days.",
        ("Day", "Answers", "Members active"),
        tuple((d.day.isoformat(), d.answers, d.members) for d in reversed(days)),
    )


def _answer_rates(store: NumbersStore, posts: list[Post], since: date) -> Table:
    active = store.members_active(since)
    rows = tuple(
        (day.isoformat(), qid, title, n, _share(n, active)) for day, qid, title, n in posts
    )
    return Table(
        "questions",
        "Answer rate per question",
        f"Each question posted in the last {WINDOW_DAYS} days; the rate is its answers "
        f"out of the {active} members active in that time.",
        ("Day", "Question id", "Question", "Answers", "Answer rate"),
        rows,
    )


def _sprints(store: NumbersStore, today: date) -> Table:
    return Table(
        "sprints",
        "Sprint progress",
        "The latest sprints: how far along they are and who takes part.",
        ("Sprint", "Status", "Starts", "Progress", "Answers", "Members taking part"),
        tuple(_sprint_row(store, sprint, today) for sprint in store.recent_sprints()),
    )


def _sprint_row(store: NumbersStore, sprint: Sprint, today: date) -> tuple[Cell, ...]:
    length = sprint.weeks * 7
    end = sprint.start_date + timedelta(days=length - 1)
    day = min(max((today - sprint.start_date).days + 1, 0), length)
    answers, members = store.channel_answers(sprint.channel_id, sprint.start_date, end)
    progress = (
        f"day {day} of {length}"
        if day
        else f"starts in {plural((sprint.start_date - today).days, 'day')}"
    )
    return (sprint.name, sprint.status, sprint.start_date.isoformat(), progress, answers, members)


def _mock_funnel(store: NumbersStore, since: datetime) -> Table:
    requested, paired, met, feedback = store.mock_funnel(since)
    stages = (
        ("Requested", requested),
        ("Paired", paired),
        ("Met", met),
        ("Feedback given", feedback),
    )
    return Table(
        "mocks",
        "Mock funnel",
        f"Mock interviews of the last {WINDOW_DAYS} days, from the request to the feedback "
        "(paired and met count seats: one per member in a pair).",
        ("Stage", "Count", "Of requested"),
        tuple((stage, n, _share(n, requested)) for stage, n in stages),
    )


def _review_latency(store: NumbersStore, since: datetime) -> Table:
    hours = sorted(store.review_hours(since))
    rows: tuple[tuple[Cell, ...], ...] = (
        ("Reviews done", len(hours)),
        ("Median wait (hours)", _hours(statistics.median(hours)) if hours else "-"),
        ("90th percentile (hours)", _hours(_quantile(hours, 0.9)) if hours else "-"),
        ("Reviews still open", store.open_reviews()),
    )
    return Table(
        "reviews",
        "Story review latency",
        f"How long a finished story waited for each review done in the last {WINDOW_DAYS} days.",
        ("Measure", "Value"),
        rows,
    )


def _coverage(store: NumbersStore) -> Table:
    members: dict[str, set[int]] = {key: set() for key in SHORT_NAMES}
    stories = dict.fromkeys(SHORT_NAMES, 0)
    for author, principles in store.story_principles():
        for key in filter(None, principles.split(",")):
            if key in members:
                members[key].add(author)
                stories[key] += 1
    return Table(
        "coverage",
        "Leadership Principle coverage",
        "How many members have a finished story for each principle, and how many stories.",
        ("Principle", "Members with a story", "Stories"),
        tuple((name, len(members[key]), stories[key]) for key, name in SHORT_NAMES.items()),
    )


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _hours(value: float) -> str:
    return f"{value:.1f}"


def _quantile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
