"""The home's queries: each figure through the feature that owns it, and the admin's numbers.

A rank here is the rank /leaderboard shows and a due question the one /practice offers: the
figures come from the owners' `api` modules. The admin's counts are read here, in one place.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import distinct
from sqlmodel import col, func, select

from bot.core.home import Numbers
from bot.core.standings import Standing
from bot.features.daily.tables import Answer, DailyPost
from bot.features.leaderboard.api import standing_in, streak_days
from bot.features.leaderboard.tables import LedgerEntry
from bot.features.mock.api import UpcomingMock, next_mock
from bot.features.mock.tables import MockPairing, MockRequest
from bot.features.practice.api import due_count
from bot.features.story.api import ReviewQueue, ReviewsWaiting, review_queue
from bot.features.story.tables import Story
from bot.storage.tables import Member
from bot.storage.uow import Session


class HomeStore:
    """What one community's homes read."""

    def __init__(self, session: Session, community_id: int) -> None:
        self._session = session
        self.community_id = community_id
        self._queue: ReviewQueue | None = None

    def standing(self, member_id: int, period: str) -> Standing | None:
        """The member's standing on a board, exactly as /leaderboard shows it."""
        return standing_in(self._session, self.community_id, member_id, period)

    def streak(self, member_id: int, today: date) -> int | None:
        """The member's streak on their `today`; None when they turned streaks off."""
        return streak_days(self._session, self.community_id, member_id, today)

    def practice_due(self, member_id: int, today: date) -> int:
        """How many questions /practice has due for the member."""
        return due_count(self._session, self.community_id, member_id, today)

    def next_mock(self, member_id: int) -> UpcomingMock | None:
        """The member's next mock, or their request still waiting for a partner."""
        return next_mock(self._session, self.community_id, member_id)

    def reviews_waiting(self, member_id: int) -> ReviewsWaiting:
        """Stories the member holds for review, and peers' stories they could take."""
        return self._review_queue().for_member(member_id)

    def numbers(self, since: datetime) -> Numbers:
        """The community's counts; "this week" means from `since` on."""
        scalar = self._scalar
        return Numbers(
            members=scalar(select(func.count(col(Member.id))).where(self._here(Member))),
            active_this_week=scalar(
                select(func.count(distinct(col(LedgerEntry.member_id)))).where(
                    self._here(LedgerEntry), col(LedgerEntry.created_at) >= since
                )
            ),
            answers_this_week=scalar(
                select(func.count(col(Answer.id)))
                .join(DailyPost, col(DailyPost.id) == Answer.post_id)
                .where(self._here(DailyPost), col(Answer.created_at) >= since)
            ),
            mocks_scheduled=scalar(
                select(func.count(col(MockPairing.id))).where(
                    self._here(MockPairing), MockPairing.status == "scheduled"
                )
            ),
            mocks_waiting=scalar(
                select(func.count(col(MockRequest.id))).where(
                    self._here(MockRequest), MockRequest.status == "waiting"
                )
            ),
            stories=scalar(
                select(func.count(col(Story.id))).where(
                    self._here(Story),
                    col(Story.ready_at).is_not(None),
                    col(Story.deleted_at).is_(None),
                )
            ),
            stories_short=len(self._review_queue().short),
        )

    def _here(self, table: type) -> Any:
        return col(table.community_id) == self.community_id  # type: ignore[attr-defined]

    def _scalar(self, query: Any) -> int:
        return int(self._session.exec(query).one() or 0)

    def _review_queue(self) -> ReviewQueue:
        if self._queue is None:
            self._queue = review_queue(self._session, self.community_id)
        return self._queue
