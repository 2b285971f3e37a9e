"""Story nudges: waiting stories offered to reviewers, and when a held review was reminded.

Revision ID: 0017_story_nudges
Revises: 0006_story_review_taken
Create Date: 2026-12-03 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0017_story_nudges"
down_revision: str | None = "0006_story_review_taken"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy: storyreview stays as it is, rows and all.
    op.add_column(
        "storyreview",
        sa.Column("reminded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    )
    op.create_table(
        "storyoffer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("offered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["reviewer_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("story_id", "reviewer_id"),
        sqlite_autoincrement=True,
    )
    for column in ("community_id", "story_id", "reviewer_id", "sent_at"):
        op.create_index(f"ix_storyoffer_{column}", "storyoffer", [column], unique=False)


def downgrade() -> None:
    for column in ("sent_at", "reviewer_id", "story_id", "community_id"):
        op.drop_index(f"ix_storyoffer_{column}", table_name="storyoffer")
    op.drop_table("storyoffer")
    op.drop_column("storyreview", "reminded_at")
