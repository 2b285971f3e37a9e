"""The latency migration: the mock queue's indexes, matching the tables, down and up with rows."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - every table on the metadata
from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade

INDEXES = {"ix_mock_request_waiting": "mock_request", "ix_mock_profile_role": "mock_profile"}
ROWS = (
    "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
    "VALUES (1, 'console', 'g1', 'G', 'UTC', '2026-12-01 00:00:00')",
    "INSERT INTO member (id, community_id, external_id, display_name, joined_at) "
    "VALUES (1, 1, 'u1', 'U', '2026-12-01 00:00:00')",
    "INSERT INTO mock_profile (community_id, member_id, role, level, availability, paused, "
    "strikes, updated_at) VALUES (1, 1, 'MLE', 'senior', '', 0, 0, '2026-12-01 00:00:00')",
    "INSERT INTO mock_request (community_id, member_id, round, status, priority, "
    "waiting_since, updated_at) "
    "VALUES (1, 1, 'phone_screen', 'waiting', 0, '2026-12-01 00:00:00', '2026-12-01 00:00:00')",
)


def _found(engine: Engine) -> set[str]:
    inspector = inspect(engine)
    return {
        str(index["name"])
        for table in set(INDEXES.values())
        for index in inspector.get_indexes(table)
    }


def test_the_migration_matches_the_tables_and_makes_the_indexes(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if any(name in repr(d) for name in INDEXES)] == []
    assert set(INDEXES) <= _found(engine)


def test_the_indexes_go_down_and_up_again_keeping_the_queue(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
    downgrade(engine, "latency@-1")
    assert not set(INDEXES) & _found(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM mock_request")).scalar() == "waiting"
    upgrade(engine)
    assert set(INDEXES) <= _found(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT role FROM mock_profile")).scalar() == "MLE"
