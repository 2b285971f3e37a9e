"""Tables of the question of the day: each channel's post per day, and members' answers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.storage.tables import utc_now


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
    created_at: datetime = Field(default_factory=utc_now)


class Answer(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("post_id", "member_id"),)
    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="dailypost.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    text: str
    shared: bool = Field(default=False)
    rating: str | None = Field(default=None, max_length=16)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class QuestionSchedule(SQLModel, table=True):
    """A channel's standing schedule: the question of the day at a local time, on some weekdays.

    One per channel; switching it off deletes it. `cycle_start` is the day the channel last
    started its track over (every question asked), so the notice goes out once.
    """

    __tablename__ = "question_schedule"
    __table_args__ = (UniqueConstraint("community_id", "channel_id"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    channel_id: str = Field(max_length=64)
    post_time: str = Field(max_length=5)  # HH:MM, local
    timezone: str = Field(max_length=64)
    days: str = Field(default="mon,tue,wed,thu,fri,sat,sun", max_length=32)
    track: str = Field(max_length=40)
    weekly_board: str = Field(default="", max_length=3)  # a weekday (`mon`), or none
    reveal_lead_minutes: int = Field(default=60)
    reveal_time: str = Field(default="08:00", max_length=5)  # HH:MM, local: post_time - lead
    cycle_start: date | None = None
    created_by: str = Field(default="", max_length=64)
    created_at: datetime = Field(default_factory=utc_now)  # or when its time last changed
