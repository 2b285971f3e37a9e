"""Mock interviews: settings, profiles, rounds, pairings, requests, seats and feedback.

Revision ID: 0003_mock
Revises: 0001
Create Date: 2026-11-26 18:50:28.580181
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003_mock"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("mock",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mock_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("round", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("claim", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("opens_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("closes_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("community_id", "claim"),
    )
    with op.batch_alter_table("mock_round", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mock_round_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "mock_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("odd_policy", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("community_id"),
    )
    op.create_table(
        "mock_pairing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("mock_round_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("proposed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.ForeignKeyConstraint(
            ["mock_round_id"],
            ["mock_round.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mock_pairing", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mock_pairing_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "mock_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("availability", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("strikes", sa.Integer(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id"),
    )
    with op.batch_alter_table("mock_profile", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mock_profile_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "mock_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("from_member_id", sa.Integer(), nullable=False),
        sa.Column("to_member_id", sa.Integer(), nullable=False),
        sa.Column("round", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("comment", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.ForeignKeyConstraint(
            ["from_member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["mock_pairing.id"],
        ),
        sa.ForeignKeyConstraint(
            ["to_member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pairing_id", "from_member_id"),
    )
    with op.batch_alter_table("mock_feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mock_feedback_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_mock_feedback_pairing_id"), ["pairing_id"], unique=False
        )

    op.create_table(
        "mock_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("round", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("window", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("mock_round_id", sa.Integer(), nullable=True),
        sa.Column("pairing_id", sa.Integer(), nullable=True),
        sa.Column("waiting_since", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["mock_round_id"],
            ["mock_round.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["mock_pairing.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mock_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mock_request_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mock_request_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mock_request_status"), ["status"], unique=False)

    op.create_table(
        "mock_seat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("interviews_member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("round", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("question_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("done_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.ForeignKeyConstraint(
            ["interviews_member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["mock_pairing.id"],
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["question.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pairing_id", "member_id"),
    )
    with op.batch_alter_table("mock_seat", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mock_seat_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mock_seat_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mock_seat_pairing_id"), ["pairing_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mock_seat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mock_seat_pairing_id"))
        batch_op.drop_index(batch_op.f("ix_mock_seat_member_id"))
        batch_op.drop_index(batch_op.f("ix_mock_seat_community_id"))

    op.drop_table("mock_seat")
    with op.batch_alter_table("mock_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mock_request_status"))
        batch_op.drop_index(batch_op.f("ix_mock_request_member_id"))
        batch_op.drop_index(batch_op.f("ix_mock_request_community_id"))

    op.drop_table("mock_request")
    with op.batch_alter_table("mock_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mock_feedback_pairing_id"))
        batch_op.drop_index(batch_op.f("ix_mock_feedback_community_id"))

    op.drop_table("mock_feedback")
    with op.batch_alter_table("mock_profile", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mock_profile_community_id"))

    op.drop_table("mock_profile")
    with op.batch_alter_table("mock_pairing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mock_pairing_community_id"))

    op.drop_table("mock_pairing")
    op.drop_table("mock_settings")
    with op.batch_alter_table("mock_round", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mock_round_community_id"))

    op.drop_table("mock_round")
