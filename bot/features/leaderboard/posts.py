"""The weekly leaderboard post and the end-of-sprint recap; neither goes out with nothing to say."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.core.calendar import local_moment
from bot.core.cards import Card, Field, UserText, rich
from bot.core.words import plural
from bot.features.daily.tables import Answer, DailyPost
from bot.features.leaderboard.handlers import TOP, board_lines, ranked_rows
from bot.features.leaderboard.tables import LedgerEntry
from bot.features.sprints.tables import Sprint
from bot.storage.tables import Member

RECAP_TOP = 5


def weekly_card(session: Session, community_id: int, week_start: date) -> Card | None:
    """Build the board of the week starting on week_start; None if nobody took part in it."""
    rows = ranked_rows(session, community_id, f"week:{week_start.isoformat()}")
    if not rows:
        return None
    end = week_start + timedelta(days=6)
    return Card(
        title=f"Week of {week_start.isoformat()} — top {TOP}",
        text=board_lines(rows),
        footer=f"Through {end.isoformat()}. /leaderboard shows your own rank.",
    )


def recap_card(session: Session, sprint: Sprint) -> Card | None:
    """Build the sprint recap: top five, most improved, participation; None if nobody took part."""
    assert sprint.id is not None
    rows = ranked_rows(session, sprint.community_id, f"sprint:{sprint.id}", limit=RECAP_TOP)
    posts, answers = _participation(session, sprint)
    if not rows and not answers:
        return None
    fields = [Field("Participation", _participation_line(posts, answers), inline=False)]
    improved = most_improved(session, sprint)
    if improved:
        gain = f" (+{plural(improved[1], 'pt')} in the second half)"
        fields.append(Field("Most improved", rich(UserText(improved[0]), gain)))
    return Card(
        title=rich("Sprint recap: ", UserText(sprint.name)),
        text=board_lines(rows),
        fields=tuple(fields),
        footer="Thanks for studying together. Start the next one with /sprint start.",
    )


def _participation(session: Session, sprint: Sprint) -> tuple[list[int], list[int]]:
    """Return the sprint channel's daily post ids and the member id of every answer to them."""
    found = session.exec(
        select(DailyPost.id).where(
            DailyPost.community_id == sprint.community_id,
            DailyPost.channel_id == sprint.channel_id,
            DailyPost.local_date >= sprint.start_date,
        )
    )
    posts = [post for post in found if post is not None]
    if not posts:
        return [], []
    answers = session.exec(select(Answer.member_id).where(col(Answer.post_id).in_(posts)))
    return posts, list(answers)


def _participation_line(posts: list[int], answers: list[int]) -> str:
    members = plural(len(set(answers)), "member")
    return f"{members} · {plural(len(answers), 'answer')} · {plural(len(posts), 'question')}"


def most_improved(session: Session, sprint: Sprint) -> tuple[str, int] | None:
    """Return the member whose points grew most from the sprint's first half to its second."""
    middle = sprint.start_date + timedelta(days=7 * sprint.weeks // 2)
    rows = session.exec(
        select(LedgerEntry.member_id, LedgerEntry.points, LedgerEntry.created_at).where(
            LedgerEntry.community_id == sprint.community_id,
            LedgerEntry.created_at >= local_moment(sprint.start_date, time(0), sprint.timezone),
        )
    ).all()
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
    member = session.get(Member, best)
    return (member.display_name if member else "member"), gains[best]


def local_date_of(moment: datetime, tz: str) -> date:
    """Return the local date of a stored UTC moment."""
    return moment.astimezone(ZoneInfo(tz)).date()
