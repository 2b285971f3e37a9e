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
    # Plain ALTER TABLE, not a batch copy: other tables point at member, and SQLite refuses to
    # drop a table that rows of another table still refer to.
    for name, default in COLUMNS:
        op.add_column(
            "member", sa.Column(name, sa.Boolean(), nullable=False, server_default=default)
        )


def downgrade() -> None:
    for name, _ in reversed(COLUMNS):
        op.drop_column("member", name)
