"""The role rewards a community set up, and each role the bot gave, so it takes back only those."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.storage.tables import utc_now


class RoleRule(SQLModel, table=True):
    """One reward of a community: kind `streak` (threshold: days) or `top3` (threshold 0).

    `problem` is why the bot could not give the role last time ("" when it could); `warned`
    says the admin was told about it, so that they are told once. A rule whose role was
    deleted is turned off (`enabled` false) with that as its problem.
    """

    __tablename__ = "role_rule"
    __table_args__ = (UniqueConstraint("community_id", "kind", "threshold"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    kind: str = Field(max_length=16)
    threshold: int = Field(default=0)
    role_ref: str = Field(max_length=100)
    role_name: str = Field(max_length=100)
    set_by: int | None = Field(default=None, foreign_key="member.id")
    enabled: bool = Field(default=True)
    problem: str = Field(default="", max_length=300)
    warned: bool = Field(default=False)
    updated_at: datetime = Field(default_factory=utc_now)


class RoleGrant(SQLModel, table=True):
    """A role the bot gives, gave or takes back: state `give` (to do), `held` or `take` (to do)."""

    __tablename__ = "role_grant"
    __table_args__ = (UniqueConstraint("rule_id", "member_id", "role_ref"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    rule_id: int = Field(foreign_key="role_rule.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    role_ref: str = Field(max_length=100)
    role_name: str = Field(max_length=100)
    state: str = Field(default="give", max_length=8, index=True)
    since: datetime = Field(default_factory=utc_now)
