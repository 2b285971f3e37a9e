"""Mock settings: how long a request waits for someone new before a repeat partner will do.

Revision ID: 0008_mock_wait_hours
Revises: 0007_mock_noshow
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_mock_wait_hours"
down_revision: str | None = "0007_mock_noshow"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mock_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("wait_hours", sa.Integer(), nullable=False, server_default="24")
        )


def downgrade() -> None:
    with op.batch_alter_table("mock_settings", schema=None) as batch_op:
        batch_op.drop_column("wait_hours")
