"""Role rewards: each community's rewards, and the roles the bot gave, to take back exactly those.

Revision ID: 0019_roles
Revises: 0001
Create Date: 2026-12-04 07:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0019_roles"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("roles",)
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "role_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("kind", TEXT(length=16), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("role_ref", TEXT(length=100), nullable=False),
        sa.Column("role_name", TEXT(length=100), nullable=False),
        sa.Column("set_by", sa.Integer(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("problem", TEXT(length=300), nullable=False),
        sa.Column("warned", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["set_by"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("community_id", "kind", "threshold"),
    )
    op.create_index("ix_role_rule_community_id", "role_rule", ["community_id"], unique=False)
    op.create_table(
        "role_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("role_ref", TEXT(length=100), nullable=False),
        sa.Column("role_name", TEXT(length=100), nullable=False),
        sa.Column("state", TEXT(length=8), nullable=False),
        sa.Column("since", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["rule_id"], ["role_rule.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("rule_id", "member_id", "role_ref"),
    )
    for column in ("community_id", "rule_id", "member_id", "state"):
        op.create_index(f"ix_role_grant_{column}", "role_grant", [column], unique=False)


def downgrade() -> None:
    for column in ("state", "member_id", "rule_id", "community_id"):
        op.drop_index(f"ix_role_grant_{column}", table_name="role_grant")
    op.drop_table("role_grant")
    op.drop_index("ix_role_rule_community_id", table_name="role_rule")
    op.drop_table("role_rule")
