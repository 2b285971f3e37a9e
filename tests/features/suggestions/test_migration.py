"""The community-questions migration: shipped questions stay the bank's; down and up with rows."""

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
    "INSERT INTO question (id, category, difficulty, title, data, retired, updated_at) "
    "VALUES ('two-sum', 'coding', 'easy', 'Two sum', '{}', 0, '2026-12-01 00:00:00')",
    "INSERT INTO dailypost (community_id, channel_id, kind, local_date, question_id, created_at) "
    "VALUES (1, 'c1', 'daily', '2026-12-01', 'two-sum', '2026-12-01 00:00:00')",
)


def _engine(tmp_path: Path) -> Engine:
    return make_engine(f"sqlite:///{tmp_path / 'm.db'}")


def _columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("question")}


def test_the_migration_matches_the_question_and_suggestion_tables(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "question" in repr(d) or "suggestion" in repr(d)] == []


def test_questions_saved_before_the_migration_stay_the_shipped_bank(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
    upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT community_id, credit FROM question")).one()
    assert tuple(row) == (None, None)


def test_it_goes_down_and_up_again_keeping_the_bank_and_its_posts(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    upgrade(engine)
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
        conn.execute(
            text(
                "INSERT INTO member (id, community_id, external_id, display_name, joined_at) "
                "VALUES (1, 1, 'u1', 'U1', '2026-12-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO suggestion (community_id, member_id, status, fields, reason, "
                "created_at) VALUES (1, 1, 'pending', '{}', '', '2026-12-01 00:00:00')"
            )
        )
    downgrade(engine, "0011_community_questions-1")
    assert "community_id" not in _columns(engine)
    assert "suggestion" not in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT question_id FROM dailypost")).scalar() == "two-sum"
    upgrade(engine)
    assert {"community_id", "suggested_by", "credit"} <= _columns(engine)
