"""Stories: remember the ledger reference of the points a story earned, so it earns once.

Revision ID: 0006_story_award_once
Revises: 0004_story
Create Date: 2026-12-02 13:10:00

Stories that already earned points (reference "story:<id>") keep that reference, so editing
them after the upgrade earns nothing again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006_story_award_once"
down_revision: str | None = "0004_story"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EARNED_BEFORE = """
UPDATE story SET points_reference = 'story:' || CAST(id AS VARCHAR)
WHERE EXISTS (
    SELECT 1 FROM ledgerentry
    WHERE ledgerentry.member_id = story.member_id
      AND ledgerentry.reason = 'story_submitted'
      AND ledgerentry.reference = 'story:' || CAST(story.id AS VARCHAR)
)
"""


def upgrade() -> None:
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "points_reference",
                sqlmodel.sql.sqltypes.AutoString(length=128),
                nullable=False,
                server_default="",
            )
        )
    op.execute(EARNED_BEFORE)


def downgrade() -> None:
    # Reviews refer to stories, so SQLite may not copy the table (foreign keys are on); it
    # drops a column in place since 3.35.
    with op.batch_alter_table("story", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("points_reference")
