"""The web dashboard: each community's settings (public board token, link key), hidden members.

Revision ID: 0018_dashboard
Revises: 0001
Create Date: 2026-12-04 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0018_dashboard"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("dashboard",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dashboard_settings",
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("public_token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("secret", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.PrimaryKeyConstraint("community_id"),
        sa.UniqueConstraint("public_token"),
    )
    op.create_table(
        "dashboard_hidden",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("member_id"),
    )
    op.create_index("ix_dashboard_hidden_community_id", "dashboard_hidden", ["community_id"])


def downgrade() -> None:
    op.drop_table("dashboard_hidden")
    op.drop_table("dashboard_settings")
