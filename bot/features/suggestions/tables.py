"""The suggestions feature's table: questions members propose for their community's bank."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from bot.storage.tables import utc_now


class Suggestion(SQLModel, table=True):
    """A member's proposed question: pending until an admin approves or denies it.

    fields holds the form as a community question (category, rounds, difficulty, title,
    prompt, hints, strong_answer); question_id is the bank question an approval created.
    """

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    status: str = Field(default="pending", max_length=16)  # pending · approved · denied
    fields: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    reason: str = Field(default="", max_length=500)  # why it was denied
    question_id: str | None = Field(default=None, max_length=80)
    created_at: datetime = Field(default_factory=utc_now)
    decided_at: datetime | None = None
