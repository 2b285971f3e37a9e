"""Leaderboards by week, sprint and all time; profiles; the weekly post and the sprint recap."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from time import monotonic
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, bindparam
from sqlmodel import Session, col, func, select

from bot.content import CATEGORY_NAMES
from bot.core.calendar import local_moment
from bot.core.cards import Card, Field, Message, Reply, Rich, Text, UserText, Visibility, rich
from bot.core.repetition import RATING_LABELS
from bot.services.context import Ctx
from bot.services.ledger import ALL_TIME, week_period
from bot.services.registry import REGISTRY, Args, Option, UserError
from bot.services.streaks import current_streak, state_of
from bot.storage.tables import Answer, DailyPost, LedgerEntry, Member, Question
from bot.storage.tables_sprints import ReviewState, Score, Sprint

TOP = 10
PERIODS = ("week", "sprint", "all")
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def top_scores(
    session: Session, community_id: int, period: str, limit: int = TOP
) -> list[tuple[str, int]]:
    """Return (display name, points) of the best members of a period, best first."""
    rows = session.exec(
        _TOP, params={"community": community_id, "period": period, "limit": limit}
    ).all()
    return [(name or "member", points) for name, points in rows]


_BOARD = (  # one period's scores in one community
    col(Score.community_id) == bindparam("community"),
    col(Score.period) == bindparam("period"),
)
_TOP = (
    select(Member.display_name, Score.points)
    .join(Member, col(Member.id) == Score.member_id)
    .where(*_BOARD)
    .order_by(col(Score.points).desc(), col(Score.member_id))
    .limit(bindparam("limit", type_=Integer))
)


EXACT_RANKS = 2000  # ranks up to here are counted live; deeper ones against a snapshot
SNAPSHOT_SECONDS = 60.0
_snapshots: dict[tuple[str, int, str], tuple[float, array[int]]] = {}


def rank_of(
    session: Session, community_id: int, period: str, member_id: int
) -> tuple[int, int] | None:
    """Return a member's (rank, points) in a period, or None without points.

    Ties share a rank. Near the top the count is live; below the EXACT_RANKS-th score it is
    taken against a snapshot of everyone's points up to a minute old (counting 50,000 index
    entries on every /profile would cost milliseconds), with the member's own points live.
    """
    board = {"community": community_id, "period": period}
    mine = session.exec(_MINE, params={**board, "member": member_id}).first()
    if mine is None:
        return None
    cutoff = session.exec(_CUTOFF, params={**board, "deep": EXACT_RANKS}).first()
    if cutoff is None or mine > cutoff:  # fewer than EXACT_RANKS members are ahead
        ahead = session.exec(_AHEAD, params={**board, "points": mine}).one()
    else:
        points = _snapshot(session, community_id, period)
        ahead = len(points) - bisect_right(points, mine)
    return int(ahead) + 1, mine


# Built once (a /profile and every /leaderboard ask them): SQLAlchemy's cost of building a
# statement is larger than SQLite's cost of running these on the index.
_MINE = select(Score.points).where(*_BOARD, col(Score.member_id) == bindparam("member")).limit(1)
_CUTOFF = (
    select(Score.points)
    .where(*_BOARD)
    .order_by(col(Score.points).desc())
    .offset(bindparam("deep", type_=Integer))
    .limit(1)
)
_AHEAD = select(func.count()).where(*_BOARD, col(Score.points) > bindparam("points"))


def _snapshot(session: Session, community_id: int, period: str) -> array[int]:
    """Everyone's points in a period, lowest first, read at most once a minute."""
    key = (str(session.get_bind().engine.url), community_id, period)
    cached = _snapshots.get(key)
    if cached is not None and monotonic() - cached[0] < SNAPSHOT_SECONDS:
        return cached[1]
    rows = session.exec(
        select(Score.points)
        .where(Score.community_id == community_id, Score.period == period)
        .order_by(col(Score.points))
    )
    points, now = array("q", rows), monotonic()
    for old in [k for k, (taken, _) in _snapshots.items() if now - taken >= SNAPSHOT_SECONDS]:
        del _snapshots[old]  # last week's boards, communities nobody looked at since
    _snapshots[key] = (now, points)
    return points


def board_lines(rows: list[tuple[str, int]]) -> Text:
    """Render ranked rows; member names are shown literally."""
    parts: list[str] = []
    for rank, (name, points) in enumerate(rows, start=1):
        parts += [f"{MEDALS.get(rank, f'{rank}.')} ", UserText(name), f" — {points} pts\n"]
    return (
        rich(*parts) if parts else "No points yet. Answer the daily question to get on the board!"
    )


def _period_key(ctx: Ctx, period: str) -> tuple[str, Rich]:
    if period == "all":
        return ALL_TIME, rich("all time")
    if period == "week":
        return week_period(ctx.today()), rich("this week")
    sprint = ctx.session.exec(
        select(Sprint)
        .where(Sprint.community_id == ctx.community_id)
        .order_by(col(Sprint.channel_id) != ctx.actor.channel_id, col(Sprint.id).desc())
    ).first()
    if sprint is None:
        raise UserError("There is no sprint yet, so no sprint leaderboard. Try `period:week`.")
    return f"sprint:{sprint.id}", rich("sprint ", UserText(sprint.name))


@REGISTRY.command(
    "leaderboard",
    "show",
    "Top members and your rank",
    Option(
        "period", "week, sprint or all (default: sprint, else week)", kind="choice", choices=PERIODS
    ),
    Option("share", "Post it in the channel for everyone (default: no)", kind="bool"),
    default=True,
)
def leaderboard(ctx: Ctx, args: Args) -> Reply:
    period = args.get("period") or ("sprint" if _has_sprint(ctx) else "week")
    key, label = _period_key(ctx, period)
    rows = top_scores(ctx.session, ctx.community_id, key)
    mine = rank_of(ctx.session, ctx.community_id, key, ctx.member_id)
    you = f"You: #{mine[0]} with {mine[1]} pts" if mine else "You: no points yet in this period"
    card = Card(title=rich("Leaderboard — ", *label.parts), text=board_lines(rows), footer=you)
    if args.get("share"):
        shared = Card(title=card.title, text=card.text)
        return Reply([Message(shared, Visibility.CHANNEL, channel=ctx.actor.channel_id)])
    return Reply.ephemeral(card)


def _has_sprint(ctx: Ctx) -> bool:
    return ctx.session.exec(_ANY_SPRINT, params={"community": ctx.community_id}).first() is not None


_ANY_SPRINT = select(Sprint.id).where(col(Sprint.community_id) == bindparam("community")).limit(1)


_ANSWERS = select(func.count()).where(col(Answer.member_id) == bindparam("member"))
_RATINGS = (
    select(Question.category, ReviewState.rating)
    .join(Question, col(Question.id) == ReviewState.question_id)
    .where(
        col(ReviewState.member_id) == bindparam("member"),
        col(ReviewState.community_id) == bindparam("community"),
    )
)


@REGISTRY.command("profile", "show", "Your points, streak and self-ratings", default=True)
def profile(ctx: Ctx, _args: Args) -> Reply:
    rank = rank_of(ctx.session, ctx.community_id, ALL_TIME, ctx.member_id)
    streak = current_streak(ctx)
    answers = ctx.session.exec(_ANSWERS, params={"member": ctx.member_id}).one()
    ratings = ctx.session.exec(
        _RATINGS, params={"member": ctx.member_id, "community": ctx.community_id}
    ).all()
    by_category: dict[str, Counter[str]] = {}
    for category, rating in ratings:
        by_category.setdefault(category, Counter())[rating] += 1
    lines = [
        f"{CATEGORY_NAMES.get(c, c)}: "
        + ", ".join(f"{RATING_LABELS[r]} {n}" for r, n in sorted(k.items()))
        for c, k in sorted(by_category.items())
    ]
    days = "off (`/profile streaks on:yes` turns it on)"
    if streak is not None:
        current, best = streak
        days = f"{current} day{'s' if current != 1 else ''} (best {best})"
    fields = (
        Field("Points", f"{rank[1]} (rank #{rank[0]})" if rank else "0", inline=True),
        Field("Streak", days, inline=True),
        Field("Answers", str(answers), inline=True),
        Field("Self-ratings", "\n".join(lines) or "None yet: rate yourself on a question card."),
    )
    return Reply.ephemeral(
        Card(title=rich(UserText(ctx.member.display_name or "You")), fields=fields)
    )


@REGISTRY.command(
    "profile",
    "streaks",
    "Turn your streak on or off",
    Option("on", "yes to count streaks, no to stop", kind="bool", required=True),
)
def profile_streaks(ctx: Ctx, args: Args) -> Reply:
    state_of(ctx).opted_out = not args["on"]
    if args["on"]:
        return Reply.note("Streaks are on: answer on consecutive days to build one.")
    return Reply.note("Streaks are off: no streak is shown or counted for you.")


def weekly_card(session: Session, community_id: int, week_start: date) -> Card:
    """The weekly leaderboard post for the week that starts on week_start."""
    rows = top_scores(session, community_id, f"week:{week_start.isoformat()}")
    end = week_start + timedelta(days=6)
    return Card(
        title=f"Week of {week_start.isoformat()} — top {TOP}",
        text=board_lines(rows),
        footer=f"Through {end.isoformat()}. /leaderboard shows your own rank.",
    )


def recap_card(session: Session, sprint: Sprint) -> Card:
    """The end-of-sprint recap: top members, most improved, participation."""
    assert sprint.id is not None
    rows = top_scores(session, sprint.community_id, f"sprint:{sprint.id}", limit=5)
    posts = session.exec(
        select(DailyPost.id).where(
            DailyPost.community_id == sprint.community_id,
            DailyPost.channel_id == sprint.channel_id,
            DailyPost.local_date >= sprint.start_date,
        )
    ).all()
    answers = (
        session.exec(select(Answer.member_id).where(col(Answer.post_id).in_(posts))).all()
        if posts
        else []
    )
    improved = most_improved(session, sprint)
    fields = [
        Field(
            "Participation",
            f"{len(set(answers))} members · {len(answers)} answers · {len(posts)} questions",
            inline=False,
        ),
    ]
    if improved:
        fields.append(
            Field(
                "Most improved",
                rich(UserText(improved[0]), f" (+{improved[1]} pts in the second half)"),
            )
        )
    return Card(
        title=rich("Sprint recap: ", UserText(sprint.name)),
        text=board_lines(rows),
        fields=tuple(fields),
        footer="Thanks for studying together. Start the next one with /sprint start.",
    )


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
