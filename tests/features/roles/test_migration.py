"""The role rewards migration: it matches the tables, and goes down and up again."""

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
    "VALUES (1, 'discord', 'g1', 'G', 'UTC', '2026-12-01 00:00:00')",
    "INSERT INTO member (id, community_id, external_id, display_name, joined_at, "
    "mock_reminders, reviewer, weekly_digest) "
    "VALUES (1, 1, 'u1', 'Ann', '2026-12-01 00:00:00', 1, 0, 1)",
    "INSERT INTO role_rule (id, community_id, kind, threshold, role_ref, role_name, set_by, "
    "enabled, problem, warned, updated_at) "
    "VALUES (1, 1, 'streak', 7, '55', 'Streak 7', 1, 1, '', 0, '2026-12-01 00:00:00')",
    "INSERT INTO role_grant (community_id, rule_id, member_id, role_ref, role_name, state, since) "
    "VALUES (1, 1, 1, '55', 'Streak 7', 'held', '2026-12-01 00:00:00')",
)


def test_the_migration_matches_the_role_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "role_" in repr(d)] == []


def test_the_role_tables_go_down_and_up_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
    downgrade(engine, "0019_roles-1")
    tables = set(inspect(engine).get_table_names())
    assert not tables & {"role_rule", "role_grant"}
    assert "member" in tables
    upgrade(engine)
    with engine.begin() as conn:
        for statement in ROWS[2:]:  # the community and member stayed
            conn.execute(text(statement))
        assert conn.execute(text("SELECT state FROM role_grant")).scalar() == "held"
