"""Mock time confirmation: the agreed time of each pairing, and the private-space setting.

Pairings made before this migration were announced without Accept buttons, so each one still
scheduled counts as confirmed at its proposed time (it is never released for want of an accept).

Revision ID: 0015_mock_confirm
Revises: 0008_mock_wait_hours
Create Date: 2026-12-03 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0015_mock_confirm"
down_revision: str | None = "0008_mock_wait_hours"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FLAGS = ("private_space", "space_warned")
KEEP_SCHEDULED = (
    "INSERT INTO mock_time (community_id, pairing_id, status, starts_at, offered_at, accepted, "
    "sequence, confirmed_at) "
    "SELECT community_id, id, 'confirmed', proposed_at, created_at, '[]', 0, created_at "
    "FROM mock_pairing WHERE status = 'scheduled' AND proposed_at IS NOT NULL"
)


def upgrade() -> None:
    op.create_table(
        "mock_time",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("offered_at", sa.DateTime(), nullable=False),
        sa.Column("accepted", sa.JSON(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("space_ref", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["pairing_id"], ["mock_pairing.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pairing_id"),
    )
    op.create_index("ix_mock_time_community_id", "mock_time", ["community_id"])
    op.create_index("ix_mock_time_status", "mock_time", ["status"])
    # Plain ALTER TABLE, not a batch copy: other rows may refer to mock_settings' community.
    for name in FLAGS:
        op.add_column(
            "mock_settings",
            sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    op.add_column(
        "mock_settings",
        sa.Column("space_channel", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    )
    op.add_column("mock_settings", sa.Column("space_admin_id", sa.Integer(), nullable=True))
    op.execute(KEEP_SCHEDULED)


def downgrade() -> None:
    for name in ("space_admin_id", "space_channel", *reversed(FLAGS)):
        op.drop_column("mock_settings", name)
    op.drop_index("ix_mock_time_status", table_name="mock_time")
    op.drop_index("ix_mock_time_community_id", table_name="mock_time")
    op.drop_table("mock_time")
