"""Latency: indexes for matching a new mock request against a large queue.

`ix_mock_request_waiting` finds a community's waiting requests without walking every request
it ever had (matched, cancelled and expired ones pile up); `ix_mock_profile_role` answers
"does anyone else here have this target role" without walking every profile.

Revision ID: 0022_latency
Revises: 0001 (depends on 0003_mock)
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022_latency"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("latency",)
# The indexes are on the mock tables: the mock branch must be there first.
depends_on: str | Sequence[str] | None = ("0003_mock",)

WAITING = ["community_id", "status", "member_id"]
ROLE = ["community_id", "role"]


def upgrade() -> None:
    # Plain CREATE INDEX: the tables and their rows stay as they are.
    op.create_index("ix_mock_request_waiting", "mock_request", WAITING, unique=False)
    op.create_index("ix_mock_profile_role", "mock_profile", ROLE, unique=False)


def downgrade() -> None:
    op.drop_index("ix_mock_profile_role", table_name="mock_profile")
    op.drop_index("ix_mock_request_waiting", table_name="mock_request")
