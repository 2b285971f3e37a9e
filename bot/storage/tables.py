"""The database tables. They stay in storage; the core never sees them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def _now() -> datetime:
    return datetime.now(UTC)


class Community(SQLModel, table=True):
    """A Discord guild or a Slack workspace (or the local console)."""

    __table_args__ = (UniqueConstraint("platform", "external_id"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    name: str = Field(default="", max_length=200)
    timezone: str = Field(default="UTC", max_length=64)
    created_at: datetime = Field(default_factory=_now)


class Member(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("community_id", "external_id"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    external_id: str = Field(max_length=64)
    display_name: str = Field(default="", max_length=200)
    timezone: str | None = Field(default=None, max_length=64)
    joined_at: datetime = Field(default_factory=_now)


class Question(SQLModel, table=True):
    """A question from the bank, keyed by its content id; retired when removed from the bank."""

    id: str = Field(primary_key=True, max_length=80)
    category: str = Field(max_length=32, index=True)
    difficulty: str = Field(max_length=16)
    title: str = Field(max_length=200)
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    retired: bool = Field(default=False)
    updated_at: datetime = Field(default_factory=_now)


class DailyPost(SQLModel, table=True):
    """Today's question in one channel: claimed once per community, channel, kind and day."""

    __table_args__ = (UniqueConstraint("community_id", "channel_id", "kind", "local_date"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    channel_id: str = Field(max_length=64)
    kind: str = Field(default="daily", max_length=16)
    local_date: date
    question_id: str = Field(foreign_key="question.id")
    message_ref: str | None = Field(default=None, max_length=128)
    posted_at: datetime | None = None
    created_at: datetime = Field(default_factory=_now)


class Answer(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("post_id", "member_id"),)
    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="dailypost.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    text: str
    shared: bool = Field(default=False)
    rating: str | None = Field(default=None, max_length=16)
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)


class LedgerEntry(SQLModel, table=True):
    """One award of points; unique per member, reason and reference, so nothing counts twice."""

    __table_args__ = (UniqueConstraint("member_id", "reason", "reference"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    reason: str = Field(max_length=32)
    reference: str = Field(max_length=128)
    points: int
    created_at: datetime = Field(default_factory=_now, index=True)
