"""Points, boards and streaks of one community: the only module of the feature that queries.

The board's statements are built once (a /profile and every /leaderboard ask them): SQLAlchemy's
cost of building a statement is larger than SQLite's cost of running these on the index.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from datetime import date, datetime
from time import monotonic
from typing import Any, NamedTuple

from sqlalchemy import Integer, bindparam, delete
from sqlmodel import col, func, select

from bot.core.standings import Standing, standing, standings
from bot.features.daily.tables import Answer, DailyPost
from bot.features.leaderboard.tables import LedgerEntry, Score, StreakState
from bot.features.practice.tables import ReviewState
from bot.features.sprints.api import Sprint, has_sprint, running_sprint_ids, season_sprint
from bot.storage.tables import Member, Question
from bot.storage.uow import Session
from bot.storage.upsert import upsert_insert

EXACT_RANKS = 2000  # ranks up to here are counted live; deeper ones against a snapshot
SNAPSHOT_SECONDS = 60.0
_snapshots: dict[tuple[str, int, str], tuple[float, Histogram]] = {}


class Histogram(NamedTuple):
    """A board's points as the distinct scores, lowest first, and how many members hold each.

    A few thousand distinct scores stand for a million members: read by SQL's GROUP BY on the
    board's index, not a row per member.
    """

    points: array[int]
    at_least: array[int]  # at_least[i]: how many members have points[i] or more

    def above(self, points: int) -> int:
        """How many members have more than `points`."""
        at = bisect_right(self.points, points)
        return self.at_least[at] if at < len(self.at_least) else 0


class Row(NamedTuple):
    """One line of a board: who, and where they stand."""

    member_id: int
    name: str
    at: Standing


class LeaderboardStore:
    """The points, boards and streaks of one community."""

    def __init__(self, session: Session, community_id: int) -> None:
        self._session = session
        self.community_id = community_id

    # The ledger: every award is one row, unique per member, reason and reference.

    def record_award(
        self, member_id: int, reason: str, reference: str, points: int, at: datetime
    ) -> bool:
        """Write an award unless it was given before; True when it is new."""
        values = {
            "community_id": self.community_id,
            "member_id": member_id,
            "reason": reason,
            "reference": reference,
            "points": points,
            "created_at": at,
        }
        statement = (
            upsert_insert(self._session)(LedgerEntry)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["member_id", "reason", "reference"])
        )
        result: Any = self._session.execute(statement)
        return bool(result.rowcount)

    def add_points(self, member_id: int, period: str, n: int) -> None:
        """Add points to a member's score for one period, atomically."""
        statement = (
            upsert_insert(self._session)(Score)
            .values(community_id=self.community_id, member_id=member_id, period=period, points=n)
            .on_conflict_do_update(
                index_elements=["community_id", "period", "member_id"],
                set_={"points": Score.points + n},
            )
        )
        self._session.execute(statement)

    def running_sprints(self, today: date) -> list[int]:
        """The ids of the live sprints started by `today`: the seasons an award counts toward."""
        return running_sprint_ids(self._session, self.community_id, today)

    # The boards.

    def ranked_rows(self, period: str, limit: int) -> list[Row]:
        """Return the best members of a period, best first, each with their standing."""
        rows = self._session.exec(
            _TOP, params={"community": self.community_id, "period": period, "limit": limit + 1}
        ).all()
        placed = standings([points for *_, points in rows])  # the extra row shows a bottom tie
        return [
            Row(member_id, name or "member", at)
            for (member_id, name, _), at in zip(rows, placed, strict=True)
        ][:limit]

    def rank_of(self, period: str, member_id: int) -> Standing | None:
        """Return a member's standing in a period, or None if they have not taken part in it.

        Ties share a rank. Near the top the count is live; below the EXACT_RANKS-th score it
        is taken against a snapshot of everyone's points up to a minute old (counting 50,000
        index entries on every /profile would cost milliseconds), with the member's own live.
        """
        board = {"community": self.community_id, "period": period}
        mine = self._session.exec(_MINE, params={**board, "member": member_id}).first()
        if mine is None:
            return None
        cutoff = self._session.exec(_CUTOFF, params={**board, "deep": EXACT_RANKS}).first()
        if cutoff is None or mine > cutoff:  # fewer than EXACT_RANKS members are ahead
            ahead = self._session.exec(_AHEAD, params={**board, "points": mine}).one()
        else:
            ahead = self._snapshot(period).above(mine)
        level = len(self._session.exec(_LEVEL, params={**board, "points": mine}).all())
        return standing(mine, ahead=int(ahead), level=level)

    def _snapshot(self, period: str) -> Histogram:
        """Everyone's points in a period as a histogram, read at most once a minute."""
        key = (str(self._session.get_bind().engine.url), self.community_id, period)
        cached = _snapshots.get(key)
        if cached is not None and monotonic() - cached[0] < SNAPSHOT_SECONDS:
            return cached[1]
        board = {"community": self.community_id, "period": period}
        rows = self._session.exec(_HISTOGRAM, params=board).all()
        values, held = array("q", (p for p, _ in rows)), [0] * (len(rows) + 1)
        for at in range(len(rows) - 1, -1, -1):
            held[at] = held[at + 1] + int(rows[at][1])
        points, now = Histogram(values, array("q", held[:-1])), monotonic()
        for old in [k for k, (taken, _) in _snapshots.items() if now - taken >= SNAPSHOT_SECONDS]:
            del _snapshots[old]  # last week's boards, communities nobody looked at since
        _snapshots[key] = (now, points)
        return points

    def points_before(self, moment: datetime) -> dict[int, int]:
        """Every member's points from the awards made before `moment`, for who had any then."""
        found = self._session.exec(
            select(LedgerEntry.member_id, func.sum(LedgerEntry.points))
            .where(LedgerEntry.community_id == self.community_id, LedgerEntry.created_at < moment)
            .group_by(col(LedgerEntry.member_id))
        ).all()
        return {member_id: int(points or 0) for member_id, points in found}

    def points_between(self, start: datetime, end: datetime) -> dict[int, int]:
        """Every member's points from the awards made from `start` until before `end`."""
        found = self._session.exec(
            select(LedgerEntry.member_id, func.sum(LedgerEntry.points))
            .where(
                LedgerEntry.community_id == self.community_id,
                LedgerEntry.created_at >= start,
                LedgerEntry.created_at < end,
            )
            .group_by(col(LedgerEntry.member_id))
        ).all()
        return {member_id: int(points or 0) for member_id, points in found}

    def streak_rows(self) -> list[tuple[StreakState, str | None]]:
        """The streak rows counting now (not opted out, not zero), each with the member's zone."""
        found = self._session.exec(
            select(StreakState, Member.timezone)
            .join(Member, col(Member.id) == StreakState.member_id)
            .where(
                StreakState.community_id == self.community_id,
                col(StreakState.opted_out).is_(False),
                StreakState.current > 0,
            )
        ).all()
        return [(row, zone) for row, zone in found]

    def season_sprint(self, channel_id: str) -> Sprint | None:
        """The sprint whose board `period:sprint` shows: the channel's latest, else any."""
        return season_sprint(self._session, self.community_id, channel_id)

    def has_sprint(self) -> bool:
        """Whether this community ever had a sprint."""
        return has_sprint(self._session, self.community_id)

    # A member's profile.

    def answer_count(self, member_id: int) -> int:
        """How many daily answers a member gave."""
        return int(self._session.exec(_ANSWERS, params={"member": member_id}).one())

    def self_ratings(self, member_id: int) -> list[tuple[str, str]]:
        """A member's self-rating of each question they rated, with its category."""
        found = self._session.exec(
            _RATINGS, params={"member": member_id, "community": self.community_id}
        ).all()
        return [(category, rating) for category, rating in found]

    def streak(self, member_id: int) -> StreakState | None:
        """A member's streak row, if they have one (read only)."""
        return self._session.get(StreakState, member_id)

    def streak_to_keep(self, member_id: int) -> StreakState:
        """A member's streak row, created the first time; changes to it are kept."""
        row = self._session.get(StreakState, member_id)
        if row is None:
            row = StreakState(member_id=member_id, community_id=self.community_id)
            self._session.add(row)
        return row

    # The recap of a sprint.

    def participation(self, sprint: Sprint) -> tuple[list[int], list[int]]:
        """The sprint channel's daily post ids and the member id of every answer to them."""
        found = self._session.exec(
            select(DailyPost.id).where(
                DailyPost.community_id == self.community_id,
                DailyPost.channel_id == sprint.channel_id,
                DailyPost.local_date >= sprint.start_date,
            )
        )
        posts = [post for post in found if post is not None]
        if not posts:
            return [], []
        answers = self._session.exec(select(Answer.member_id).where(col(Answer.post_id).in_(posts)))
        return posts, list(answers)

    def awards_since(self, moment: datetime) -> list[tuple[int, int, datetime]]:
        """Every award from `moment` on: (member id, points, when)."""
        found = self._session.exec(
            select(LedgerEntry.member_id, LedgerEntry.points, LedgerEntry.created_at).where(
                LedgerEntry.community_id == self.community_id, LedgerEntry.created_at >= moment
            )
        ).all()
        return [(member_id, points, at) for member_id, points, at in found]

    def display_name(self, member_id: int) -> str | None:
        """A member's shown name, None when there is no such member."""
        member = self._session.get(Member, member_id)
        return member.display_name if member else None

    def forget(self, member_id: int) -> None:
        """Delete a member's awards, totals and streak."""
        for table in (LedgerEntry, Score, StreakState):
            self._session.execute(
                delete(table).where(
                    col(table.community_id) == self.community_id,
                    col(table.member_id) == member_id,
                )
            )


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
_MINE = select(Score.points).where(*_BOARD, col(Score.member_id) == bindparam("member")).limit(1)
_CUTOFF = (
    select(Score.points)
    .where(*_BOARD)
    .order_by(col(Score.points).desc())
    .offset(bindparam("deep", type_=Integer))
    .limit(1)
)
_HISTOGRAM = (
    select(Score.points, func.count())
    .where(*_BOARD)
    .group_by(col(Score.points))
    .order_by(col(Score.points))
)
_AHEAD = select(func.count()).where(*_BOARD, col(Score.points) > bindparam("points"))
_LEVEL = select(Score.id).where(*_BOARD, col(Score.points) == bindparam("points")).limit(2)
_ANSWERS = select(func.count()).where(col(Answer.member_id) == bindparam("member"))
_RATINGS = (
    select(Question.category, ReviewState.rating)
    .join(Question, col(Question.id) == ReviewState.question_id)
    .where(
        col(ReviewState.member_id) == bindparam("member"),
        col(ReviewState.community_id) == bindparam("community"),
    )
)
