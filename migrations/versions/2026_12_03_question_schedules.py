"""Standing schedules of the question of the day: one per channel, with its track.

Revision ID: 0010_question_schedules
Revises: 0001
Create Date: 2026-12-03 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010_question_schedules"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("schedules",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "question_schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("post_time", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("days", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("track", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("weekly_board", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("reveal_lead_minutes", sa.Integer(), nullable=False),
        sa.Column("reveal_time", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("cycle_start", sa.Date(), nullable=True),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("community_id", "channel_id"),
    )
    op.create_index(
        op.f("ix_question_schedule_community_id"), "question_schedule", ["community_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_question_schedule_community_id"), table_name="question_schedule")
    op.drop_table("question_schedule")
