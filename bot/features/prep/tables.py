"""Tables of the prep plan: a member's plan, and its items day by day."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.storage.tables import utc_now


class PrepPlan(SQLModel, table=True):
    """A member's personal prep plan to their interview date (one per member)."""

    __tablename__ = "prep_plan"
    member_id: int = Field(foreign_key="member.id", primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    interview: date
    start: date
    role: str = Field(default="", max_length=80)
    level: str | None = Field(default=None, max_length=16)
    rounds: str = Field(default="", max_length=200)  # round names, comma separated
    created_at: datetime = Field(default_factory=utc_now)


class PrepItem(SQLModel, table=True):
    """One task of a plan: due on `day`, first planned for `slot`, done or dropped."""

    __tablename__ = "prep_item"
    __table_args__ = (UniqueConstraint("member_id", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    seq: int
    day: date = Field(index=True)
    slot: date
    area: str = Field(max_length=32)
    kind: str = Field(max_length=16)
    mock_round: str | None = Field(default=None, max_length=32)
    question_id: str | None = Field(default=None, max_length=80)
    done: date | None = None
    rating: str | None = Field(default=None, max_length=16)
    dropped: bool = Field(default=False)
