"""Mock no-shows are held for a day, so the member reported absent can dispute them.

Revision ID: 0007_mock_noshow
Revises: 0003_mock
Create Date: 2026-12-02 13:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007_mock_noshow"
down_revision: str | None = "0003_mock"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mock_noshow",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("reporter_member_id", sa.Integer(), nullable=False),
        sa.Column("absent_member_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sqlmodel.sql.sqltypes.AutoString(length=16),
            nullable=False,
        ),
        sa.Column("reported_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("dispute_by", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("settled_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["pairing_id"], ["mock_pairing.id"]),
        sa.ForeignKeyConstraint(["reporter_member_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["absent_member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pairing_id"),
    )
    with op.batch_alter_table("mock_noshow", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mock_noshow_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_mock_noshow_absent_member_id"), ["absent_member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mock_noshow_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mock_noshow", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mock_noshow_status"))
        batch_op.drop_index(batch_op.f("ix_mock_noshow_absent_member_id"))
        batch_op.drop_index(batch_op.f("ix_mock_noshow_community_id"))
    op.drop_table("mock_noshow")
