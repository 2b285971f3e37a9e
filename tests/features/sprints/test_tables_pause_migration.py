"""The sprint-pause migration: it matches the table, and goes down and up with a sprint in it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - every table on the metadata
from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade

NOW = datetime(2026, 12, 1, tzinfo=UTC).isoformat(sep=" ")
SPRINT = (
    "INSERT INTO sprint (id, community_id, channel_id, name, template_id, start_date, weeks, "
    "post_time, timezone, reveal_lead_minutes, status, plan, created_by, created_at) VALUES "
    f"(1, 1, 'c1', 'Prep', 'mle-4-week', '2026-12-07', 4, '09:00', 'UTC', 60, 'paused', '[]', "
    f"'boss', '{NOW}')"
)


def _seed(engine: object) -> None:
    community = (
        "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
        f"VALUES (1, 'console', 'g1', 'G', 'UTC', '{NOW}')"
    )
    with engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(text(community))
        conn.execute(text(SPRINT))


def _columns(engine: object) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("sprint")}


def test_the_migration_matches_the_sprint_table(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "'sprint'" in repr(d)] == []


def test_a_sprint_from_before_gets_no_pauses_and_survives_down_and_up(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0002_sprints")
    _seed(engine)
    upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT paused_since, pauses FROM sprint")).one()
    assert tuple(row) == (None, "[]")
    downgrade(engine, "sprints@-1")
    assert not {"paused_since", "pauses"} & _columns(engine)
    assert {"storyconfig", "mock_round", "jobclaim"} <= set(inspect(engine).get_table_names())
    upgrade(engine)
    assert {"paused_since", "pauses"} <= _columns(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM sprint")).scalar() == "Prep"
