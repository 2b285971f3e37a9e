"""The standing-schedule migration: it matches the table and goes down and up with rows."""

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
    "INSERT INTO question_schedule (community_id, channel_id, post_time, timezone, days, track, "
    "weekly_board, reveal_lead_minutes, reveal_time, created_by, created_at) VALUES (1, 'c1', "
    "'09:00', 'Europe/Berlin', 'mon,tue', 'coding', 'mon', 60, '08:00', 'boss', '2026-12-01')",
)


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_the_migration_matches_the_schedule_table(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "question_schedule" in repr(d)] == []


def test_schedules_go_down_and_up_again_leaving_communities_alone(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
    downgrade(engine, "0010_question_schedules-1")
    assert "question_schedule" not in _tables(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM community")).scalar() == "G"
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text(ROWS[1]))
        assert conn.execute(text("SELECT track FROM question_schedule")).scalar() == "coding"
