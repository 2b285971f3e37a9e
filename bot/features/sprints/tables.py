"""The table of prep sprints: one calendar per channel."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from bot.storage.tables import utc_now


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
    created_at: datetime = Field(default_factory=utc_now)
    ended_at: datetime | None = None
