"""The claims of scheduled work: one row per community, channel, kind and key, done once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.storage.tables import utc_now


class JobClaim(SQLModel, table=True):
    """One scheduled action, claimed once per community, channel, kind and key (usually a day)."""

    __table_args__ = (UniqueConstraint("community_id", "channel_id", "kind", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    channel_id: str = Field(max_length=64)
    kind: str = Field(max_length=24)
    key: str = Field(max_length=64)
    claimed_at: datetime = Field(default_factory=utc_now)
    lease_until: datetime
    done_at: datetime | None = None
    outcome: str = Field(default="", max_length=300)
