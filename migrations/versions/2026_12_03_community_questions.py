"""A community's own questions: the bank's community and credit, and members' suggestions.

Revision ID: 0011_community_questions
Revises: 0001
Create Date: 2026-12-03 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011_community_questions"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("bank",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy: daily posts and ratings point at question, and
    # SQLite refuses to drop a table that rows of another table still refer to.
    op.add_column("question", sa.Column("community_id", sa.Integer(), nullable=True))
    op.add_column("question", sa.Column("suggested_by", sa.Integer(), nullable=True))
    op.add_column(
        "question",
        sa.Column("credit", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    )
    op.create_index("ix_question_community_id", "question", ["community_id"])
    op.create_table(
        "suggestion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("question_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_suggestion_community_id", "suggestion", ["community_id"])
    op.create_index("ix_suggestion_member_id", "suggestion", ["member_id"])


def downgrade() -> None:
    op.drop_index("ix_suggestion_member_id", table_name="suggestion")
    op.drop_index("ix_suggestion_community_id", table_name="suggestion")
    op.drop_table("suggestion")
    op.drop_index("ix_question_community_id", table_name="question")
    for name in ("credit", "suggested_by", "community_id"):
        op.drop_column("question", name)
