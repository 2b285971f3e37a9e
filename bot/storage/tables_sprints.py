"""Tables of sprints, scheduled-work claims, scores, streaks and practice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def _now() -> datetime:
    return datetime.now(UTC)


class Sprint(SQLModel, table=True):
    """A prep sprint in one channel; also a leaderboard season."""

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    channel_id: str = Field(max_length=64)
    name: str = Field(max_length=100)
    template_id: str = Field(default="", max_length=80)
    start_date: date
    weeks: int
    post_time: str = Field(max_length=5)  # HH:MM, local
    timezone: str = Field(max_length=64)
    reveal_lead_minutes: int = Field(default=60)
    status: str = Field(default="active", max_length=16, index=True)  # active, paused, ended
    paused_since: date | None = None  # the first local day a running pause holds back
    # Pauses that are over, oldest first: [first held-back day (ISO), days held back].
    pauses: list = Field(  # type: ignore[type-arg]
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    plan: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    created_by: str = Field(default="", max_length=64)  # platform user id of the admin
    created_at: datetime = Field(default_factory=_now)
    ended_at: datetime | None = None


class JobClaim(SQLModel, table=True):
    """One scheduled action, claimed once per community, channel, kind and key (usually a day)."""

    __table_args__ = (UniqueConstraint("community_id", "channel_id", "kind", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    channel_id: str = Field(max_length=64)
    kind: str = Field(max_length=24)
    key: str = Field(max_length=64)
    claimed_at: datetime = Field(default_factory=_now)
    lease_until: datetime
    done_at: datetime | None = None
    outcome: str = Field(default="", max_length=300)


class Score(SQLModel, table=True):
    """Points per member per period ('all', 'week:2026-11-30', 'sprint:3'), kept with the ledger."""

    __table_args__ = (
        UniqueConstraint("community_id", "period", "member_id"),
        Index("ix_score_board", "community_id", "period", "points"),
    )
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id")
    member_id: int = Field(foreign_key="member.id", index=True)
    period: str = Field(max_length=32)
    points: int = Field(default=0)


class StreakState(SQLModel, table=True):
    member_id: int = Field(foreign_key="member.id", primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    current: int = Field(default=0)
    best: int = Field(default=0)
    last_day: date | None = None
    freeze_week: str | None = Field(default=None, max_length=10)
    opted_out: bool = Field(default=False)


class ReviewState(SQLModel, table=True):
    """A member's self-rating of a question and when it comes back for practice.

    `prior_interval` is the interval before the current review was rated (None: the first
    review), so pressing another rating before the question comes back replaces the rating.
    """

    __table_args__ = (UniqueConstraint("member_id", "question_id"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    question_id: str = Field(foreign_key="question.id", max_length=80)
    rating: str = Field(max_length=16)
    interval_days: int
    prior_interval: int | None = None
    due: date = Field(index=True)
    reviews: int = Field(default=1)
    updated_at: datetime = Field(default_factory=_now)


class PracticePref(SQLModel, table=True):
    """A member's daily practice DM: on or off, at a local time in their time zone."""

    member_id: int = Field(foreign_key="member.id", primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    enabled: bool = Field(default=True)
    at_time: str = Field(max_length=5)
    timezone: str = Field(max_length=64)
