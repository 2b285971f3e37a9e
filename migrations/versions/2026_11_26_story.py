"""Story tables: STAR stories, their peer reviews, and each community's review setting.

Revision ID: 0004_story
Revises: 0001
Create Date: 2026-11-26 18:45:35
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004_story"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("story",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "storyconfig",
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("reviews_wanted", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.PrimaryKeyConstraint("community_id"),
    )
    op.create_table(
        "story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("principles", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("situation", sa.Text(), nullable=False),
        sa.Column("task", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("ready_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "number"),
        sqlite_autoincrement=True,  # ids are never reused: ledger references name them
    )
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_story_community_id"), ["community_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_story_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_story_ready_at"), ["ready_at"], unique=False)

    op.create_table(
        "storyreview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("star", sa.Integer(), nullable=True),
        sa.Column("specificity", sa.Integer(), nullable=True),
        sa.Column("ownership", sa.Integer(), nullable=True),
        sa.Column("result", sa.Integer(), nullable=True),
        sa.Column("fit", sa.Integer(), nullable=True),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("assigned_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("reviewed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["reviewer_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("story_id", "reviewer_id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("storyreview", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_storyreview_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_storyreview_reviewer_id"), ["reviewer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_storyreview_story_id"), ["story_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("storyreview", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_storyreview_story_id"))
        batch_op.drop_index(batch_op.f("ix_storyreview_reviewer_id"))
        batch_op.drop_index(batch_op.f("ix_storyreview_community_id"))
    op.drop_table("storyreview")
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_ready_at"))
        batch_op.drop_index(batch_op.f("ix_story_member_id"))
        batch_op.drop_index(batch_op.f("ix_story_community_id"))
    op.drop_table("story")
    op.drop_table("storyconfig")
