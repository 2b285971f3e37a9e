"""The digest's queries: who may get one this week, and each figure, through the features' apis.

The figures come from the features that own them (their `api` modules), so that a rank here is
the rank /leaderboard shows and a due question the one /practice offers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import String, and_, bindparam, cast, exists, func, literal
from sqlalchemy import select as select_columns
from sqlmodel import col

from bot.core.standings import Standing
from bot.features.daily.api import answers_between
from bot.features.leaderboard.api import PastBoard, board_at, standing_in, streak_days
from bot.features.mock.api import UpcomingMock, next_mock
from bot.features.practice.api import dm_times, due_count
from bot.features.prep.api import plan_progress
from bot.features.story.api import ReviewQueue, ReviewsWaiting, review_queue, stories_written
from bot.scheduling.tables import JobClaim
from bot.storage.tables import Community, Member
from bot.storage.uow import Session

KIND = "digest"


class Candidate(NamedTuple):
    """A member whose digest is on and not yet sent for the weeks asked about."""

    member_id: int
    community_id: int
    timezone: str
    platform: str
    community_ref: str


def dm_channel(member_id: int) -> str:
    """The claim channel of a member's direct messages (the practice DM uses the same)."""
    return f"dm:{member_id}"


def _zone() -> Any:
    """A member's zone: their own, else their community's."""
    return func.coalesce(col(Member.timezone), col(Community.timezone))


_ON = (
    col(Member.weekly_digest).is_(True),
    col(Community.platform).in_(bindparam("platforms", expanding=True)),
)
# Built once with their lists as parameters: the finder asks them every minute of a Monday.
_ZONES = (
    select_columns(_zone())
    .distinct()
    .join_from(Member, Community, col(Community.id) == Member.community_id)
    .where(*_ON)
)
_SENT = exists().where(
    col(JobClaim.community_id) == Member.community_id,
    col(JobClaim.channel_id) == literal("dm:") + cast(Member.id, String),
    and_(col(JobClaim.kind) == KIND, col(JobClaim.key).in_(bindparam("mondays", expanding=True))),
    col(JobClaim.done_at).is_not(None),
)
_CANDIDATES = (
    select_columns(
        col(Member.id),
        col(Member.community_id),
        _zone(),
        col(Community.platform),
        col(Community.external_id),
    )
    .join_from(Member, Community, col(Community.id) == Member.community_id)
    .where(*_ON, _zone().in_(bindparam("zones", expanding=True)), ~_SENT)
)


def digest_zones(session: Session, platforms: Iterable[str]) -> list[str]:
    """The zones of the members with the digest on (a few, however many members)."""
    rows = session.connection().execute(_ZONES, {"platforms": sorted(platforms)})
    return [zone for (zone,) in rows]


def candidates(
    session: Session, platforms: Iterable[str], zones: list[str], mondays: list[date]
) -> list[Candidate]:
    """Members in these zones with the digest on and no digest sent yet for these weeks."""
    asked = {
        "platforms": sorted(platforms),
        "zones": zones,
        "mondays": [monday.isoformat() for monday in mondays],
    }
    # Plain rows, not ORM objects: at 20,000 members the ORM's bookkeeping is most of the cost.
    return [Candidate(*row) for row in session.connection().execute(_CANDIDATES, asked)]


def practice_times(session: Session, community_ids: set[int]) -> dict[int, str]:
    """The practice DM time of each member of these communities who has it on."""
    return dm_times(session, community_ids)


class DigestStore:
    """The figures of one community's members, read for their digests."""

    def __init__(self, session: Session, community_id: int) -> None:
        self._session = session
        self.community_id = community_id
        self._boards: dict[datetime, PastBoard] = {}
        self._stories: ReviewQueue | None = None

    def community(self) -> Community | None:
        return self._session.get(Community, self.community_id)

    def member(self, member_id: int) -> Member | None:
        """A member of this community, or None."""
        member = self._session.get(Member, member_id)
        return member if member is not None and member.community_id == self.community_id else None

    def answers(self, member_id: int, start: datetime, end: datetime) -> int:
        return answers_between(self._session, member_id, start, end)

    def stories(self, member_id: int, start: datetime, end: datetime) -> int:
        return stories_written(self._session, self.community_id, member_id, start, end)

    def standing(self, member_id: int, period: str) -> Standing | None:
        """The member's standing on a board, as /leaderboard shows it."""
        return standing_in(self._session, self.community_id, member_id, period)

    def standing_at(self, member_id: int, moment: datetime) -> Standing | None:
        """The member's all-time standing at a past moment (the board is read once a moment)."""
        board = self._boards.get(moment)
        if board is None:
            board = self._boards[moment] = board_at(self._session, self.community_id, moment)
        return board.standing(member_id)

    def streak(self, member_id: int, today: date) -> int | None:
        return streak_days(self._session, self.community_id, member_id, today)

    def practice_due(self, member_id: int, today: date) -> int:
        return due_count(self._session, self.community_id, member_id, today)

    def next_mock(self, member_id: int) -> UpcomingMock | None:
        return next_mock(self._session, self.community_id, member_id)

    def reviews_waiting(self, member_id: int) -> ReviewsWaiting:
        """The stories the member holds for review and could take (the queue is read once)."""
        if self._stories is None:
            self._stories = review_queue(self._session, self.community_id)
        return self._stories.for_member(member_id)

    def plan_progress(self, member_id: int, today: date) -> str | None:
        """The member's prep plan progress, as the prep feature words it; None without a plan."""
        return plan_progress(self._session, self.community_id, member_id, today)
