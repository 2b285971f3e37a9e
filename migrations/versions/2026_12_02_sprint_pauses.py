"""Sprint pauses: a pause holds the plan, so the sprint remembers when and for how long.

Revision ID: 0009_sprint_pauses
Revises: 0006_rating_replaces
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_sprint_pauses"
down_revision: str | None = "0006_rating_replaces"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sprint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paused_since", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("pauses", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("sprint", schema=None) as batch_op:
        batch_op.drop_column("pauses")
        batch_op.drop_column("paused_since")
