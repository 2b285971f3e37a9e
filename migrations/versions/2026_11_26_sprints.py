"""Sprints: sprints, scheduled-work claims, scores per period, streaks, reviews, practice prefs.

Revision ID: 0002_sprints
Revises: 0001
Create Date: 2026-11-26 18:43:51.841238
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002_sprints"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("sprints",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "jobclaim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("lease_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("done_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("community_id", "channel_id", "kind", "key"),
    )
    with op.batch_alter_table("jobclaim", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_jobclaim_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "sprint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("template_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("post_time", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("reveal_lead_minutes", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("ended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sprint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sprint_community_id"), ["community_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sprint_status"), ["status"], unique=False)

    op.create_table(
        "practicepref",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("at_time", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("member_id"),
    )
    with op.batch_alter_table("practicepref", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practicepref_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "reviewstate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("rating", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("interval_days", sa.Integer(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["question.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "question_id"),
    )
    with op.batch_alter_table("reviewstate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reviewstate_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reviewstate_due"), ["due"], unique=False)
        batch_op.create_index(batch_op.f("ix_reviewstate_member_id"), ["member_id"], unique=False)

    op.create_table(
        "score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("community_id", "period", "member_id"),
    )
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.create_index("ix_score_board", ["community_id", "period", "points"], unique=False)
        batch_op.create_index(batch_op.f("ix_score_member_id"), ["member_id"], unique=False)

    op.create_table(
        "streakstate",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("current", sa.Integer(), nullable=False),
        sa.Column("best", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("freeze_week", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("member_id"),
    )
    with op.batch_alter_table("streakstate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_streakstate_community_id"), ["community_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("streakstate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_streakstate_community_id"))

    op.drop_table("streakstate")
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_member_id"))
        batch_op.drop_index("ix_score_board")

    op.drop_table("score")
    with op.batch_alter_table("reviewstate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviewstate_member_id"))
        batch_op.drop_index(batch_op.f("ix_reviewstate_due"))
        batch_op.drop_index(batch_op.f("ix_reviewstate_community_id"))

    op.drop_table("reviewstate")
    with op.batch_alter_table("practicepref", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practicepref_community_id"))

    op.drop_table("practicepref")
    with op.batch_alter_table("sprint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sprint_status"))
        batch_op.drop_index(batch_op.f("ix_sprint_community_id"))

    op.drop_table("sprint")
    with op.batch_alter_table("jobclaim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobclaim_community_id"))

    op.drop_table("jobclaim")
