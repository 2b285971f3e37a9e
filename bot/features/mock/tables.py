"""Tables of the mock feature: profiles, requests, rounds, pairings, seats and feedback."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.storage.tables import utc_now


class MockSettings(SQLModel, table=True):
    """A community's mock settings: target roles, the odd member out, the wait for someone new."""

    __tablename__ = "mock_settings"
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", unique=True)
    roles: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    odd_policy: str = Field(default="trio", max_length=8)
    wait_hours: int = Field(default=24, sa_column_kwargs={"server_default": "24"})
    # A private thread (Discord) or group DM (Slack) for each confirmed pair; off by default.
    private_space: bool = Field(default=False)
    space_channel: str | None = Field(default=None, max_length=64)  # a Discord thread's parent
    space_admin_id: int | None = None  # the admin told (once) when a space cannot be made
    space_warned: bool = Field(default=False)


class MockProfile(SQLModel, table=True):
    """A member's target role, level and weekly availability (their time zone is on Member)."""

    __tablename__ = "mock_profile"
    __table_args__ = (Index("ix_mock_profile_role", "community_id", "role"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    member_id: int = Field(foreign_key="member.id", unique=True)
    role: str = Field(max_length=40)
    level: str = Field(max_length=16)
    availability: str = Field(default="", max_length=300)
    paused: bool = Field(default=False)
    strikes: int = Field(default=0)
    updated_at: datetime = Field(default_factory=utc_now)


class MockRound(SQLModel, table=True):
    """An RSVP window for a mock round, claimed once per community and key."""

    __tablename__ = "mock_round"
    __table_args__ = (UniqueConstraint("community_id", "claim"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    channel_id: str = Field(max_length=64)
    round: str = Field(max_length=32)
    claim: str = Field(max_length=128)
    status: str = Field(default="open", max_length=16)
    opens_at: datetime
    closes_at: datetime
    closed_at: datetime | None = None


class MockPairing(SQLModel, table=True):
    """Two or three members interviewing each other in a cycle."""

    __tablename__ = "mock_pairing"
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    mock_round_id: int | None = Field(default=None, foreign_key="mock_round.id")
    status: str = Field(default="scheduled", max_length=16)
    proposed_at: datetime | None = None
    created_at: datetime = Field(default_factory=utc_now)
    closed_at: datetime | None = None


class MockRequest(SQLModel, table=True):
    """A member waiting for a partner (at most one waiting request per member)."""

    __tablename__ = "mock_request"
    # A community's waiting requests, without walking every request it ever had.
    __table_args__ = (Index("ix_mock_request_waiting", "community_id", "status", "member_id"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    round: str = Field(max_length=32)
    window: str | None = Field(default=None, max_length=300)
    status: str = Field(default="waiting", max_length=16, index=True)
    priority: bool = Field(default=False)
    mock_round_id: int | None = Field(default=None, foreign_key="mock_round.id")
    pairing_id: int | None = Field(default=None, foreign_key="mock_pairing.id")
    waiting_since: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class MockSeat(SQLModel, table=True):
    """One member's place in a pairing: whom they interview, with which question, how it went."""

    __tablename__ = "mock_seat"
    __table_args__ = (UniqueConstraint("pairing_id", "member_id"),)
    id: int | None = Field(default=None, primary_key=True)
    pairing_id: int = Field(foreign_key="mock_pairing.id", index=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    interviews_member_id: int = Field(foreign_key="member.id")
    position: int = Field(default=0)
    round: str = Field(max_length=32)
    question_id: str | None = Field(default=None, foreign_key="question.id")
    status: str = Field(default="active", max_length=16)
    done_at: datetime | None = None
    nudged_at: datetime | None = None  # the one "how did it go?" DM after the mock (followup.py)
    asked_at: datetime | None = None  # told the mock closed ("Did you meet?"), after quiet hours
    unmet_reason: str | None = Field(default=None, max_length=16)  # why they did not meet


class MockFeedback(SQLModel, table=True):
    """Rubric scores and comments one member gave the member they interviewed."""

    __tablename__ = "mock_feedback"
    __table_args__ = (UniqueConstraint("pairing_id", "from_member_id"),)
    id: int | None = Field(default=None, primary_key=True)
    pairing_id: int = Field(foreign_key="mock_pairing.id", index=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    from_member_id: int = Field(foreign_key="member.id")
    to_member_id: int = Field(foreign_key="member.id")
    round: str = Field(max_length=32)
    scores: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    comment: str = Field(default="")
    updated_at: datetime = Field(default_factory=utc_now)
    helpful_at: datetime | None = None  # when the receiver marked it helpful (helpful.py)


class MockNoShow(SQLModel, table=True):
    """A no-show report: held for a day, so the member reported absent can dispute it."""

    __tablename__ = "mock_noshow"
    __table_args__ = (UniqueConstraint("pairing_id"),)  # one report per mock, whoever makes it
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    pairing_id: int = Field(foreign_key="mock_pairing.id")
    reporter_member_id: int = Field(foreign_key="member.id")
    absent_member_id: int = Field(foreign_key="member.id", index=True)
    status: str = Field(default="pending", max_length=16, index=True)
    reported_at: datetime
    dispute_by: datetime
    settled_at: datetime | None = None
