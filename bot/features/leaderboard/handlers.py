"""Leaderboards by week, sprint and all time, and profiles."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter
from time import monotonic
from typing import NamedTuple

from sqlalchemy import Integer, bindparam
from sqlmodel import Session, col, func, select

from bot.app.context import Ctx
from bot.app.registry import Args, NoOptions, Option, Registry, UserError
from bot.content import CATEGORY_NAMES
from bot.core.cards import Card, Field, Message, Reply, Rich, Text, UserText, Visibility, rich
from bot.core.repetition import RATING_LABELS
from bot.core.standings import Standing, standing, standings
from bot.core.words import plural
from bot.features.daily.tables import Answer
from bot.features.leaderboard.ledger import ALL_TIME, week_period
from bot.features.leaderboard.streaks import current_streak, state_of
from bot.features.leaderboard.tables import Score
from bot.features.practice.tables import ReviewState
from bot.features.sprints.tables import Sprint
from bot.storage.tables import Member, Question

ROUTES = Registry()

TOP = 10
PERIODS = ("week", "sprint", "all")


class Row(NamedTuple):
    """One line of a board: who, and where they stand."""

    member_id: int
    name: str
    at: Standing


def ranked_rows(session: Session, community_id: int, period: str, limit: int = TOP) -> list[Row]:
    """Return the best members of a period, best first, each with their standing."""
    rows = session.exec(
        _TOP, params={"community": community_id, "period": period, "limit": limit + 1}
    ).all()
    placed = standings([points for *_, points in rows])  # the extra row shows a tie at the bottom
    return [
        Row(member_id, name or "member", at)
        for (member_id, name, _), at in zip(rows, placed, strict=True)
    ][:limit]


_BOARD = (  # one period's scores in one community
    col(Score.community_id) == bindparam("community"),
    col(Score.period) == bindparam("period"),
)
_TOP = (
    select(Score.member_id, Member.display_name, Score.points)
    .join(Member, col(Member.id) == Score.member_id)
    .where(*_BOARD)
    .order_by(col(Score.points).desc(), col(Score.member_id))
    .limit(bindparam("limit", type_=Integer))
)


EXACT_RANKS = 2000  # ranks up to here are counted live; deeper ones against a snapshot
SNAPSHOT_SECONDS = 60.0
_snapshots: dict[tuple[str, int, str], tuple[float, array[int]]] = {}


def rank_of(session: Session, community_id: int, period: str, member_id: int) -> Standing | None:
    """Return a member's standing in a period, or None if they have not taken part in it.

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
    level = len(session.exec(_LEVEL, params={**board, "points": mine}).all())
    return standing(mine, ahead=int(ahead), level=level)


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
_LEVEL = select(Score.id).where(*_BOARD, col(Score.points) == bindparam("points")).limit(2)


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


def board_lines(rows: list[Row]) -> Text:
    """Render ranked rows; member names are shown literally."""
    parts: list[str] = []
    for _, name, at in rows:
        parts += [f"{at.shown} ", UserText(name), f" — {at.score}\n"]
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


@ROUTES.command_untyped(
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
    rows = ranked_rows(ctx.session, ctx.community_id, key)
    # On the board, the member reads the very standing shown beside their name (and it saves
    # four queries); below it, their rank is counted.
    shown = next((row.at for row in rows if row.member_id == ctx.member_id), None)
    mine = shown or rank_of(ctx.session, ctx.community_id, key, ctx.member_id)
    you = f"You: {mine.label} with {mine.score}" if mine else "You: no points yet in this period"
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


@ROUTES.command("profile", "show", "Your points, streak and self-ratings", default=True)
def profile(ctx: Ctx, _: NoOptions) -> Reply:
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
        days = f"{plural(current, 'day')} (best {best})"
    fields = (
        Field("Points", f"{rank.points} (rank {rank.label})" if rank else "0", inline=True),
        Field("Streak", days, inline=True),
        Field("Answers", str(answers), inline=True),
        Field("Self-ratings", "\n".join(lines) or "None yet: rate yourself on a question card."),
    )
    return Reply.ephemeral(
        Card(title=rich(UserText(ctx.member.display_name or "You")), fields=fields)
    )


@ROUTES.command_untyped(
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
