"""Prep plans: each member's plan to their interview date, and its items day by day.

Revision ID: 0012_prep
Revises: 0001
Create Date: 2026-12-03 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012_prep"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("prep",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "prep_plan",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("interview", sa.Date(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("rounds", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("member_id"),
    )
    op.create_index("ix_prep_plan_community_id", "prep_plan", ["community_id"])
    op.create_table(
        "prep_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("slot", sa.Date(), nullable=False),
        sa.Column("area", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("mock_round", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("question_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("done", sa.Date(), nullable=True),
        sa.Column("rating", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("dropped", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "seq"),
    )
    op.create_index("ix_prep_item_community_id", "prep_item", ["community_id"])
    op.create_index("ix_prep_item_member_id", "prep_item", ["member_id"])
    op.create_index("ix_prep_item_day", "prep_item", ["day"])


def downgrade() -> None:
    op.drop_table("prep_item")
    op.drop_table("prep_plan")
