"""Members' preferences: mock reminders, reviewing stories, the weekly digest.

Revision ID: 0014_member_preferences
Revises: 0001
Create Date: 2026-12-03 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_member_preferences"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("members",)
depends_on: str | Sequence[str] | None = None

COLUMNS = (("mock_reminders", sa.true()), ("reviewer", sa.false()), ("weekly_digest", sa.true()))


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        for name, default in COLUMNS:
            batch_op.add_column(
                sa.Column(name, sa.Boolean(), nullable=False, server_default=default)
            )


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
