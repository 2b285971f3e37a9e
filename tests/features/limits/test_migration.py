"""The limits migration: the limits table and the waiting-story index, down and up with rows."""

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
    "INSERT INTO community_limits (community_id, rate_per_minute, stories_per_member) "
    "VALUES (1, 30, 10)",
)


def _indexes(engine: Engine) -> set[str]:
    return {str(i["name"]) for i in inspect(engine).get_indexes("story")}


def test_the_migration_matches_the_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    mine = [d for d in diff if "community_limits" in repr(d) or "ix_story_waiting" in repr(d)]
    assert mine == []
    assert "ix_story_waiting" in _indexes(engine)


def test_the_limits_go_down_and_up_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
    downgrade(engine, "limits@-1")
    assert "community_limits" not in inspect(engine).get_table_names()
    assert "ix_story_waiting" not in _indexes(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM community")).scalar() == "G"
    upgrade(engine)
    assert "ix_story_waiting" in _indexes(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM community_limits")).scalar() == 0
