"""Tables of the story feature: stories, reviews, offers to reviewers, the review setting."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from bot.storage.tables import utc_now


class Story(SQLModel, table=True):
    """A member's STAR story; `number` is what the member types (1, 2, 3 … per member).

    A deleted story stays as an empty row (`deleted_at` set, every text blanked) so that its
    number is never reused and a late review of it gets a clear answer.
    """

    __table_args__ = (
        UniqueConstraint("member_id", "number"),
        # `/story review` picks from this index alone, never reading the stories' text.
        Index("ix_story_waiting", "community_id", "deleted_at", "ready_at", "member_id"),
        {"sqlite_autoincrement": True},
    )
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    number: int
    principles: str = Field(default="", max_length=120)  # comma-separated principle ids
    title: str = Field(default="", max_length=100)
    situation: str = Field(default="", sa_column=Column(Text, nullable=False))
    task: str = Field(default="", sa_column=Column(Text, nullable=False))
    action: str = Field(default="", sa_column=Column(Text, nullable=False))
    result: str = Field(default="", sa_column=Column(Text, nullable=False))
    ready_at: datetime | None = Field(default=None, index=True)  # complete since; None = draft
    # The ledger reference of the points this story earned ("" = none yet): a story earns once.
    points_reference: str = Field(default="", max_length=128)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    deleted_at: datetime | None = None


class StoryReview(SQLModel, table=True):
    """One reviewer and one story: an open assignment, a skip, or a review with scores.

    When a reviewer asks to be forgotten their finished reviews keep their scores (other
    authors' averages stay true) but lose their comments and their reviewer.
    """

    __table_args__ = (
        UniqueConstraint("story_id", "reviewer_id"),
        {"sqlite_autoincrement": True},
    )
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    reviewer_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    status: str = Field(default="open", max_length=8)  # open, done, skipped
    star: int | None = None
    specificity: int | None = None
    ownership: int | None = None
    result: int | None = None
    fit: int | None = None
    comments: str = Field(default="", sa_column=Column(Text, nullable=False))
    helpful: bool = Field(default=False)
    assigned_at: datetime = Field(default_factory=utc_now)
    taken_at: datetime | None = None  # None: offered by title and principle only
    skipped_at: datetime | None = None  # when skipped: skips are limited per day
    reviewed_at: datetime | None = None
    reminded_at: datetime | None = None  # a taken story not finished in time: reminded once


class StoryOffer(SQLModel, table=True):
    """A waiting story offered by direct message to a member who opted in as a reviewer.

    Chosen once (the scheduler claims the choice); sent when the member is awake.
    """

    __table_args__ = (
        UniqueConstraint("story_id", "reviewer_id"),
        {"sqlite_autoincrement": True},
    )
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    reviewer_id: int = Field(foreign_key="member.id", index=True)
    offered_at: datetime = Field(default_factory=utc_now)
    sent_at: datetime | None = Field(default=None, index=True)  # None: waits for waking hours


class StoryConfig(SQLModel, table=True):
    """A community's story settings."""

    community_id: int = Field(foreign_key="community.id", primary_key=True)
    reviews_wanted: int = Field(default=2)
