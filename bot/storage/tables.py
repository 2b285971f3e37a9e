"""The tables every feature shares: communities, their members, and the question bank."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    """The default of every created-at column: now, in UTC."""
    return datetime.now(UTC)


class Community(SQLModel, table=True):
    """A Discord guild or a Slack workspace (or the local console)."""

    __table_args__ = (UniqueConstraint("platform", "external_id"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    name: str = Field(default="", max_length=200)
    timezone: str = Field(default="UTC", max_length=64)
    created_at: datetime = Field(default_factory=utc_now)


class Member(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("community_id", "external_id"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    external_id: str = Field(max_length=64)
    display_name: str = Field(default="", max_length=200)
    timezone: str | None = Field(default=None, max_length=64)
    # Preferences set with `/profile set`, read by the features they name.
    mock_reminders: bool = Field(default=True)  # DMs before a confirmed mock
    reviewer: bool = Field(default=False)  # offered stories that wait for a reviewer
    weekly_digest: bool = Field(default=True)  # the Monday digest by DM
    joined_at: datetime = Field(default_factory=utc_now)


class Question(SQLModel, table=True):
    """A question from the bank, keyed by its content id; retired when removed from the bank.

    community_id is None for the shipped bank; a community's own questions carry its id, and
    their ids start with `c<community id>.`, which no shipped id can (see bot/bank/community.py).
    """

    id: str = Field(primary_key=True, max_length=80)
    community_id: int | None = Field(default=None, index=True)
    # A member's suggestion: who to credit on the card; both None once they used /profile forget.
    suggested_by: int | None = Field(default=None)
    credit: str | None = Field(default=None, max_length=200)
    category: str = Field(max_length=32, index=True)
    difficulty: str = Field(max_length=16)
    title: str = Field(max_length=200)
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    retired: bool = Field(default=False)
    updated_at: datetime = Field(default_factory=utc_now)
