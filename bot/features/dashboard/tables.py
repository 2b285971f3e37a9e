"""Tables of the web dashboard: each community's settings, and members hidden from its board."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from bot.storage.tables import utc_now


class DashboardSettings(SQLModel, table=True):
    """One community's dashboard: its public board's token (None: not published), its key.

    `secret` signs the admin page's links when the server has no WEB_SECRET; it is made once.
    """

    __tablename__ = "dashboard_settings"
    community_id: int = Field(foreign_key="community.id", primary_key=True)
    public_token: str | None = Field(default=None, max_length=64, unique=True)
    secret: str = Field(max_length=64)
    updated_at: datetime = Field(default_factory=utc_now)


class DashboardHidden(SQLModel, table=True):
    """A member who asked not to be shown on the public web leaderboard."""

    __tablename__ = "dashboard_hidden"
    member_id: int = Field(foreign_key="member.id", primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    created_at: datetime = Field(default_factory=utc_now)
