"""The dashboard migration: its tables match the code, and it goes down and up with rows."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - every table on the metadata
from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade

ROWS = (
    "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
    "VALUES (1, 'console', 'g1', 'G', 'UTC', '2026-12-01 00:00:00')",
    "INSERT INTO member (id, community_id, external_id, display_name, joined_at, "
    "mock_reminders, reviewer, weekly_digest) "
    "VALUES (1, 1, 'u1', 'Ann', '2026-12-01 00:00:00', 1, 0, 1)",
    "INSERT INTO ledgerentry (community_id, member_id, reason, reference, points, created_at) "
    "VALUES (1, 1, 'daily', 'p1', 10, '2026-12-01 00:00:00')",
)


def test_the_migration_matches_the_dashboard_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "dashboard_" in repr(d)] == []


def test_the_dashboard_tables_go_down_and_up_with_members_who_have_points(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
        conn.execute(text("INSERT INTO dashboard_hidden VALUES (1, 1, '2026-12-01 00:00:00')"))
    downgrade(engine, "0018_dashboard-1")
    tables = set(inspect(engine).get_table_names())
    assert "dashboard_settings" not in tables and "dashboard_hidden" not in tables
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM ledgerentry")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM dashboard_hidden")).scalar() == 0
