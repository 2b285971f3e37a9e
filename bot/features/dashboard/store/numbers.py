"""The numbers of a community's admin page, each query inside the one community.

Every query reads a window (the last weeks) through an index on the community or the post,
so the page stays fast on a community of 100,000 members.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import distinct
from sqlmodel import col, func, select

from bot.features.daily.tables import Answer, DailyPost
from bot.features.mock.tables import MockFeedback, MockPairing, MockRequest, MockSeat
from bot.features.sprints.tables import Sprint
from bot.features.story.tables import Story, StoryReview
from bot.storage.tables import Member, Question
from bot.storage.uow import Session

SPRINTS_SHOWN = 5


class NumbersStore:
    """Read-only numbers of one community for its admin page."""

    def __init__(self, session: Session, community_id: int) -> None:
        self._session = session
        self.community_id = community_id

    def member_count(self) -> int:
        """How many members the community has."""
        query = select(func.count()).where(Member.community_id == self.community_id)
        return int(self._session.exec(query).one())

    def members_on(self, days: list[date]) -> dict[date, int]:
        """How many members answered on each of these days (for days of several posts)."""
        query = (
            select(col(DailyPost.local_date), func.count(distinct(col(Answer.member_id))))
            .join(Answer, col(Answer.post_id) == DailyPost.id)
            .where(DailyPost.community_id == self.community_id, col(DailyPost.local_date).in_(days))
            .group_by(col(DailyPost.local_date))
        )
        return {day: int(members) for day, members in self._session.exec(query)}

    def members_active(self, since: date) -> int:
        """How many members answered at least once from `since` on."""
        query = (
            select(func.count(distinct(col(Answer.member_id))))
            .select_from(Answer)
            .join(DailyPost, col(DailyPost.id) == Answer.post_id)
            .where(DailyPost.community_id == self.community_id, DailyPost.local_date >= since)
        )
        return int(self._session.exec(query).one())

    def answers_per_post(self, since: date) -> list[tuple[date, str, str, int]]:
        """(day, question id, title, answers) of each post from `since` on, newest first."""
        query = (
            select(
                col(DailyPost.local_date),
                col(Question.id),
                col(Question.title),
                func.count(col(Answer.id)),
            )
            .join(Question, col(Question.id) == DailyPost.question_id)
            .outerjoin(Answer, col(Answer.post_id) == DailyPost.id)
            .where(DailyPost.community_id == self.community_id, DailyPost.local_date >= since)
            .group_by(col(DailyPost.id), col(DailyPost.local_date), col(Question.id))
            .order_by(col(DailyPost.local_date).desc(), col(DailyPost.id))
        )
        return [(day, qid, title, int(n)) for day, qid, title, n in self._session.exec(query)]

    def recent_sprints(self) -> list[Sprint]:
        """The community's latest sprints, newest first."""
        query = (
            select(Sprint)
            .where(Sprint.community_id == self.community_id)
            .order_by(col(Sprint.start_date).desc(), col(Sprint.id).desc())
            .limit(SPRINTS_SHOWN)
        )
        return list(self._session.exec(query))

    def channel_answers(self, channel_id: str, start: date, end: date) -> tuple[int, int]:
        """(answers, members who answered) in a channel's posts from `start` to `end`."""
        query = (
            select(func.count(), func.count(distinct(col(Answer.member_id))))
            .select_from(Answer)
            .join(DailyPost, col(DailyPost.id) == Answer.post_id)
            .where(
                DailyPost.community_id == self.community_id,
                DailyPost.channel_id == channel_id,
                DailyPost.local_date >= start,
                DailyPost.local_date <= end,
            )
        )
        answers, members = self._session.exec(query).one()
        return int(answers), int(members)

    def mock_funnel(self, since: datetime) -> tuple[int, int, int, int]:
        """(requests, seats paired, seats met, feedback given) from `since` on."""
        requested = select(func.count()).where(
            MockRequest.community_id == self.community_id, MockRequest.waiting_since >= since
        )
        seats = (
            select(func.count(), func.count(col(MockSeat.done_at)))
            .select_from(MockSeat)
            .join(MockPairing, col(MockPairing.id) == MockSeat.pairing_id)
            .where(MockSeat.community_id == self.community_id, MockPairing.created_at >= since)
        )
        feedback = (
            select(func.count())
            .select_from(MockFeedback)
            .join(MockPairing, col(MockPairing.id) == MockFeedback.pairing_id)
            .where(MockFeedback.community_id == self.community_id, MockPairing.created_at >= since)
        )
        paired, met = self._session.exec(seats).one()
        given = self._session.exec(feedback).one()
        return int(self._session.exec(requested).one()), int(paired), int(met), int(given)

    def review_hours(self, since: datetime) -> list[float]:
        """How many hours each review finished from `since` on came after its story was ready.

        The database subtracts (10,000 reviews would cost milliseconds to convert to datetimes).
        """
        query = (
            select(_hours_between(col(Story.ready_at), col(StoryReview.reviewed_at), self._dialect))
            .select_from(StoryReview)
            .join(Story, col(Story.id) == StoryReview.story_id)
            .where(
                StoryReview.community_id == self.community_id,
                StoryReview.status == "done",
                col(StoryReview.reviewed_at) >= since,
                col(Story.ready_at).is_not(None),
            )
        )
        return [float(hours) for hours in self._session.exec(query) if hours is not None]

    @property
    def _dialect(self) -> str:
        return self._session.get_bind().dialect.name

    def open_reviews(self) -> int:
        """How many reviews are assigned and not done yet."""
        query = select(func.count()).where(
            StoryReview.community_id == self.community_id, StoryReview.status == "open"
        )
        return int(self._session.exec(query).one())

    def story_principles(self) -> list[tuple[int, str]]:
        """(author, principle ids) of each finished story still kept."""
        query = select(Story.member_id, Story.principles).where(
            Story.community_id == self.community_id,
            col(Story.ready_at).is_not(None),
            col(Story.deleted_at).is_(None),
        )
        return list(self._session.exec(query))


def _hours_between(start: Any, end: Any, dialect: str) -> Any:
    """`end - start` in hours, computed by the database."""
    if dialect == "sqlite":
        return (func.julianday(end) - func.julianday(start)) * 24.0
    return func.extract("epoch", end - start) / 3600.0
