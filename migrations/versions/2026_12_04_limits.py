"""Limits: a community's own rate limit and story cap, and the index `/story review` picks from.

Revision ID: 0020_limits
Revises: 0001 (depends on 0004_story)
Create Date: 2026-12-04 07:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_limits"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("limits",)
# The index is on the story table: the story branch must be there first.
depends_on: str | Sequence[str] | None = ("0004_story",)

WAITING = ["community_id", "deleted_at", "ready_at", "member_id"]


def upgrade() -> None:
    op.create_table(
        "community_limits",
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("rate_per_minute", sa.Integer(), nullable=True),
        sa.Column("stories_per_member", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.PrimaryKeyConstraint("community_id"),
    )
    # A plain CREATE INDEX: the story table and its rows stay as they are.
    op.create_index("ix_story_waiting", "story", WAITING, unique=False)


def downgrade() -> None:
    op.drop_index("ix_story_waiting", table_name="story")
    op.drop_table("community_limits")
