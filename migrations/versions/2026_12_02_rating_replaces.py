"""Self-ratings: keep the interval before the current review, so a re-press replaces it.

Revision ID: 0006_rating_replaces
Revises: 0002_sprints
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_rating_replaces"
down_revision: str | None = "0002_sprints"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reviewstate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prior_interval", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reviewstate", schema=None) as batch_op:
        batch_op.drop_column("prior_interval")
