"""Story reviews: when a reviewer took the story (it is offered by title until then) or skipped it.

Revision ID: 0006_story_review_taken
Revises: 0006_story_award_once
Create Date: 2026-12-02 13:30:00

Reviewers assigned before the upgrade have already read their story, so it counts as taken.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006_story_review_taken"
down_revision: str | None = "0006_story_award_once"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("storyreview", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("taken_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("skipped_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
    op.execute("UPDATE storyreview SET taken_at = assigned_at WHERE status <> 'skipped'")


def downgrade() -> None:
    with op.batch_alter_table("storyreview", schema=None) as batch_op:
        batch_op.drop_column("skipped_at")
        batch_op.drop_column("taken_at")
