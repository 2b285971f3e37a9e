"""The self-rating migration: it matches the table, and goes down and up keeping ratings."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - every table on the metadata
from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade

NOW = datetime(2026, 12, 1, tzinfo=UTC).isoformat(sep=" ")


def _seed(engine: Engine) -> None:
    statements = [
        "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
        f"VALUES (1, 'console', 'g1', 'G', 'UTC', '{NOW}')",
        "INSERT INTO member (id, community_id, external_id, display_name, joined_at) "
        f"VALUES (1, 1, 'u1', 'U1', '{NOW}')",
        "INSERT INTO question (id, category, difficulty, title, data, retired, updated_at) "
        f"VALUES ('q1', 'coding', 'easy', 'Q', '{{}}', false, '{NOW}')",
        "INSERT INTO reviewstate (community_id, member_id, question_id, rating, interval_days, "
        f"due, reviews, updated_at) VALUES (1, 1, 'q1', 'nailed', 21, '2026-12-22', 1, '{NOW}')",
    ]
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _columns(engine: Engine) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns("reviewstate")}


def test_the_migration_matches_the_review_state_table(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "reviewstate" in repr(d)] == []


def test_ratings_survive_going_down_and_up_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    _seed(engine)
    downgrade(engine, "0002_sprints")
    assert "prior_interval" not in _columns(engine)
    upgrade(engine)
    assert "prior_interval" in _columns(engine)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT interval_days, prior_interval FROM reviewstate")).one()
    assert tuple(row) == (21, None)
