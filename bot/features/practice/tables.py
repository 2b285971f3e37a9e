"""Tables of practice: each member's self-rating schedule per question, and DM settings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.storage.tables import utc_now


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
    updated_at: datetime = Field(default_factory=utc_now)


class PracticePref(SQLModel, table=True):
    """A member's daily practice DM: on or off, at a local time in their time zone."""

    member_id: int = Field(foreign_key="member.id", primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    enabled: bool = Field(default=True)
    at_time: str = Field(max_length=5)
    timezone: str = Field(max_length=64)
