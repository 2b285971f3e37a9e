"""The table of a pairing's agreed time: what is proposed, who accepted, the private space."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

PROPOSED, CONFIRMED, RELEASED = "proposed", "confirmed", "released"


class MockTime(SQLModel, table=True):
    """The time a pairing agrees on: proposed, accepted by each member, then confirmed.

    `sequence` counts confirmations: each updated calendar invite carries it, so calendars
    move the event (same UID) instead of adding one. `offered_at` starts the 24 hours to
    accept; `space_ref` is the pair's private thread or group DM while it lives.
    """

    __tablename__ = "mock_time"
    __table_args__ = (UniqueConstraint("pairing_id"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    pairing_id: int = Field(foreign_key="mock_pairing.id")
    status: str = Field(default=PROPOSED, max_length=16, index=True)
    starts_at: datetime
    offered_at: datetime
    accepted: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    sequence: int = Field(default=0)
    confirmed_at: datetime | None = None
    space_ref: str | None = Field(default=None, max_length=128)
