"""The weekly leaderboard post and the end-of-sprint recap; neither goes out with nothing to say."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.calendar import local_moment
from bot.core.cards import Card, Field, UserText, rich
from bot.core.words import plural
from bot.features.leaderboard.handlers import TOP, board_lines
from bot.features.leaderboard.store import LeaderboardStore
from bot.features.sprints.api import Sprint

RECAP_TOP = 5


def weekly_card(store: LeaderboardStore, week_start: date) -> Card | None:
    """Build the board of the week starting on week_start; None if nobody took part in it."""
    rows = store.ranked_rows(f"week:{week_start.isoformat()}", TOP)
    if not rows:
        return None
    end = week_start + timedelta(days=6)
    return Card(
        title=f"Week of {week_start.isoformat()} — top {TOP}",
        text=board_lines(rows),
        footer=f"Through {end.isoformat()}. /leaderboard shows your own rank.",
    )


def recap_card(store: LeaderboardStore, sprint: Sprint) -> Card | None:
    """Build the sprint recap: top five, most improved, participation; None if nobody took part."""
    assert sprint.id is not None and sprint.community_id == store.community_id
    rows = store.ranked_rows(f"sprint:{sprint.id}", RECAP_TOP)
    posts, answers = store.participation(sprint)
    if not rows and not answers:
        return None
    fields = [Field("Participation", _participation_line(posts, answers), inline=False)]
    improved = most_improved(store, sprint)
    if improved:
        gain = f" (+{plural(improved[1], 'pt')} in the second half)"
        fields.append(Field("Most improved", rich(UserText(improved[0]), gain)))
    return Card(
        title=rich("Sprint recap: ", UserText(sprint.name)),
        text=board_lines(rows),
        fields=tuple(fields),
        footer="Thanks for studying together. Start the next one with /sprint start.",
    )


def _participation_line(posts: list[int], answers: list[int]) -> str:
    members = plural(len(set(answers)), "member")
    return f"{members} · {plural(len(answers), 'answer')} · {plural(len(posts), 'question')}"


def most_improved(store: LeaderboardStore, sprint: Sprint) -> tuple[str, int] | None:
    """Return the member whose points grew most from the sprint's first half to its second."""
    middle = sprint.start_date + timedelta(days=7 * sprint.weeks // 2)
    rows = store.awards_since(local_moment(sprint.start_date, time(0), sprint.timezone))
    first: Counter[int] = Counter()
    second: Counter[int] = Counter()
    for member_id, points, at in rows:
        day = local_date_of(at if at.tzinfo else at.replace(tzinfo=UTC), sprint.timezone)
        if sprint.start_date <= day < middle:
            first[member_id] += points
        elif day >= middle:
            second[member_id] += points
    gains = {m: second[m] - first[m] for m in second if second[m] > first[m]}
    if not gains:
        return None
    best = max(sorted(gains), key=lambda m: gains[m])
    name = store.display_name(best)
    return (name if name is not None else "member"), gains[best]


def local_date_of(moment: datetime, tz: str) -> date:
    """Return the local date of a stored UTC moment."""
    return moment.astimezone(ZoneInfo(tz)).date()
