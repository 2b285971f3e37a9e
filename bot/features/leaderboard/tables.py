"""Tables of points: the ledger of awards, totals per period, and streaks."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.storage.tables import utc_now


class LedgerEntry(SQLModel, table=True):
    """One award of points; unique per member, reason and reference, so nothing counts twice."""

    __table_args__ = (UniqueConstraint("member_id", "reason", "reference"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    reason: str = Field(max_length=32)
    reference: str = Field(max_length=128)
    points: int
    created_at: datetime = Field(default_factory=utc_now, index=True)


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
