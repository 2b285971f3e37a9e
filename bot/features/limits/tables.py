"""The limits feature's one table: what an admin changed from the defaults."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class CommunityLimits(SQLModel, table=True):
    """A community's own limits; None keeps the default (the operator's, or the feature's)."""

    __tablename__ = "community_limits"
    community_id: int = Field(foreign_key="community.id", primary_key=True)
    rate_per_minute: int | None = None  # commands and presses a minute per member; 0 = no limit
    stories_per_member: int | None = None  # live stories a member may keep
