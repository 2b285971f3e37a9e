"""The time-confirmation migration: scheduled pairings count as agreed; it goes down and up."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - every table on the metadata
from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade

ROWS = (
    "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
    "VALUES (1, 'console', 'g1', 'G', 'UTC', '2026-12-01 00:00:00')",
    "INSERT INTO mock_settings (community_id, roles, odd_policy) VALUES (1, '[\"MLE\"]', 'wait')",
    "INSERT INTO mock_pairing (id, community_id, status, proposed_at, created_at) "
    "VALUES (1, 1, 'scheduled', '2026-12-02 17:00:00', '2026-12-01 09:00:00')",
    "INSERT INTO mock_pairing (id, community_id, status, proposed_at, created_at) "
    "VALUES (2, 1, 'done', '2026-11-20 17:00:00', '2026-11-19 09:00:00')",
)


def _engine(tmp_path: Path) -> Engine:
    return make_engine(f"sqlite:///{tmp_path / 'm.db'}")


def _rows(engine: Engine, query: str) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(query))]


def test_the_migration_matches_the_tables(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "mock_time" in repr(d) or "mock_settings" in repr(d)] == []


def test_a_mock_scheduled_before_it_counts_as_confirmed_and_is_never_released(
    tmp_path: Path,
) -> None:
    engine = _engine(tmp_path)
    upgrade(engine, "0008_mock_wait_hours")
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
    upgrade(engine)
    assert _rows(engine, "SELECT pairing_id, status, sequence FROM mock_time") == [
        (1, "confirmed", 0)
    ]
    assert _rows(engine, "SELECT private_space, space_warned FROM mock_settings") == [(0, 0)]


def test_it_goes_down_and_up_again_keeping_the_settings(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    upgrade(engine)
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
        conn.execute(text("UPDATE mock_settings SET private_space = 1"))
    downgrade(engine, "0015_mock_confirm-1")
    assert "mock_time" not in inspect(engine).get_table_names()
    columns = {c["name"] for c in inspect(engine).get_columns("mock_settings")}
    assert "private_space" not in columns
    assert _rows(engine, "SELECT odd_policy FROM mock_settings") == [("wait",)]
    upgrade(engine)
    assert _rows(engine, "SELECT private_space FROM mock_settings") == [(0,)]
