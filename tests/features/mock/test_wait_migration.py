"""The wait-limit migration: existing communities get 24 hours; it goes down and up with rows."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - every table on the metadata
from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade

SETTINGS = (
    "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
    "VALUES (1, 'console', 'g1', 'G', 'UTC', '2026-12-01 00:00:00')",
    "INSERT INTO mock_settings (community_id, roles, odd_policy) VALUES (1, '[\"MLE\"]', 'wait')",
)


def _columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("mock_settings")}


def _wait_hours(engine: Engine) -> object:
    with engine.connect() as conn:
        return conn.execute(text("SELECT wait_hours FROM mock_settings")).scalar()


def test_the_migration_matches_the_mock_settings_table(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "mock_settings" in repr(d)] == []


def test_a_community_saved_before_the_migration_waits_24_hours(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0003_mock")
    with engine.begin() as conn:
        for statement in SETTINGS:
            conn.execute(text(statement))
    upgrade(engine)
    assert _wait_hours(engine) == 24


def test_the_wait_limit_goes_down_and_up_again_keeping_the_settings(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        for statement in SETTINGS:
            conn.execute(text(statement))
        conn.execute(text("UPDATE mock_settings SET wait_hours = 6"))
    downgrade(engine, "0008_mock_wait_hours-1")
    assert "wait_hours" not in _columns(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT odd_policy FROM mock_settings")).scalar() == "wait"
    upgrade(engine)
    assert _wait_hours(engine) == 24
