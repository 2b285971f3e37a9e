"""What other features use of points and streaks, and the boards the sprint calendar posts."""

from __future__ import annotations

from datetime import date, datetime

from bot.app.context import Ctx
from bot.core.cards import Card
from bot.core.clock import Clock, local_date
from bot.core.standings import Standing
from bot.core.streaks import Streak, alive
from bot.features.leaderboard.history import PastBoard, past_board
from bot.features.leaderboard.ledger import ALL_TIME, award, award_periods, periods_of, week_period
from bot.features.leaderboard.posts import recap_card as _recap_card
from bot.features.leaderboard.posts import weekly_card as _weekly_card
from bot.features.leaderboard.store import LeaderboardStore, Row
from bot.features.leaderboard.streaks import count_answer_day
from bot.features.sprints.api import Sprint
from bot.storage.uow import Session

__all__ = [
    "ALL_TIME",
    "PastBoard",
    "Row",
    "award",
    "award_periods",
    "award_periods_in",
    "board_at",
    "count_answer_day",
    "live_streaks",
    "points_between",
    "recap_card",
    "sprint_recap",
    "standing_in",
    "streak_days",
    "top_rows",
    "week_period",
    "weekly_card",
]


def sprint_recap(ctx: Ctx, sprint: Sprint) -> Card | None:
    """The recap card of a sprint of the caller's community; None if nobody took part."""
    return _recap_card(ctx.store(LeaderboardStore), sprint)


def recap_card(session: Session, sprint: Sprint) -> Card | None:
    """The recap card of a sprint, for scheduled work; None if nobody took part."""
    return _recap_card(LeaderboardStore(session, sprint.community_id), sprint)


def weekly_card(session: Session, community_id: int, week_start: date) -> Card | None:
    """The board of the week starting on week_start, for scheduled work; None if it is empty."""
    return _weekly_card(LeaderboardStore(session, community_id), week_start)


def award_periods_in(session: Session, community_id: int, today: date) -> list[str]:
    """The periods an award a community makes today counts toward, for a caller's own store."""
    return periods_of(LeaderboardStore(session, community_id), today)


def standing_in(
    session: Session, community_id: int, member_id: int, period: str
) -> Standing | None:
    """A member's standing on a period's board, exactly as /leaderboard shows it; None: absent."""
    return LeaderboardStore(session, community_id).rank_of(period, member_id)


def board_at(session: Session, community_id: int, moment: datetime) -> PastBoard:
    """The all-time board as it stood at `moment`, from the ledger."""
    return past_board(LeaderboardStore(session, community_id).points_before(moment))


def streak_days(session: Session, community_id: int, member_id: int, today: date) -> int | None:
    """A member's streak as it stands on their `today`; None when they turned streaks off."""
    row = LeaderboardStore(session, community_id).streak(member_id)
    if row is None:
        return 0
    if row.opted_out or row.community_id != community_id:
        return None
    return alive(Streak(row.current, row.best, row.last_day, row.freeze_week), today)


def top_rows(session: Session, community_id: int, period: str, limit: int) -> list[Row]:
    """A period's best members, best first, each with the standing /leaderboard shows."""
    return LeaderboardStore(session, community_id).ranked_rows(period, limit)


def points_between(
    session: Session, community_id: int, start: datetime, end: datetime
) -> dict[int, int]:
    """Each member's points from the awards made in [start, end): a past period's board."""
    return LeaderboardStore(session, community_id).points_between(start, end)


def live_streaks(session: Session, community_id: int, clock: Clock, zone: str) -> dict[int, int]:
    """Every member's streak above 0 as /profile shows it today (their zone, else `zone`)."""
    found: dict[int, int] = {}
    for row, member_zone in LeaderboardStore(session, community_id).streak_rows():
        today = local_date(clock, member_zone or zone)
        days = alive(Streak(row.current, row.best, row.last_day, row.freeze_week), today)
        if days:
            found[row.member_id] = days
    return found
