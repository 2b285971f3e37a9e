"""Mock follow-up: the nudge after a mock, the closing note after quiet hours, why a pair did
not meet, feedback marked helpful.

Revision ID: 0016_mock_followup
Revises: 0015_mock_confirm
Create Date: 2026-12-03 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_mock_followup"
down_revision: str | None = "0015_mock_confirm"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain add_column: a batch copy of mock_seat or mock_feedback, which other rows refer to,
    # fails on SQLite.
    op.add_column("mock_seat", sa.Column("nudged_at", sa.DateTime(), nullable=True))
    op.add_column("mock_seat", sa.Column("unmet_reason", sa.String(length=16), nullable=True))
    op.add_column("mock_seat", sa.Column("asked_at", sa.DateTime(), nullable=True))
    op.add_column("mock_feedback", sa.Column("helpful_at", sa.DateTime(), nullable=True))
    # Members of mocks closed before this revision were asked at once: never ask them again.
    op.execute(
        "UPDATE mock_seat SET asked_at = CURRENT_TIMESTAMP "
        "WHERE status IN ('expired', 'missed', 'done') AND pairing_id IN "
        "(SELECT id FROM mock_pairing WHERE status = 'expired')"
    )


def downgrade() -> None:
    op.drop_column("mock_feedback", "helpful_at")
    op.drop_column("mock_seat", "asked_at")
    op.drop_column("mock_seat", "unmet_reason")
    op.drop_column("mock_seat", "nudged_at")
