"""What other features use of points and streaks, and the boards the sprint calendar posts."""

from __future__ import annotations

from datetime import date

from bot.app.context import Ctx
from bot.core.cards import Card
from bot.features.leaderboard.ledger import ALL_TIME, award, award_periods, periods_of, week_period
from bot.features.leaderboard.posts import recap_card as _recap_card
from bot.features.leaderboard.posts import weekly_card as _weekly_card
from bot.features.leaderboard.store import LeaderboardStore
from bot.features.leaderboard.streaks import count_answer_day
from bot.features.sprints.api import Sprint
from bot.storage.uow import Session

__all__ = [
    "ALL_TIME",
    "award",
    "award_periods",
    "award_periods_in",
    "count_answer_day",
    "recap_card",
    "sprint_recap",
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
