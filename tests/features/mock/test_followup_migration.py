"""The follow-up migration: new columns on seats and feedback; down and up again with rows."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - every table on the metadata
from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade
from tests.features.mock.test_migration import _seed

NEW = {"mock_seat": {"nudged_at", "asked_at", "unmet_reason"}, "mock_feedback": {"helpful_at"}}


def _columns(engine: Engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


def test_the_migration_matches_the_seat_and_feedback_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "mock_seat" in repr(d) or "mock_feedback" in repr(d)] == []


def test_rows_saved_before_the_migration_are_not_nudged_or_helpful(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0008_mock_wait_hours")
    _seed(engine)
    upgrade(engine)
    with engine.connect() as conn:
        seat = conn.execute(text("SELECT nudged_at, unmet_reason FROM mock_seat")).one()
        assert tuple(seat) == (None, None)
        assert conn.execute(text("SELECT helpful_at FROM mock_feedback")).scalar() is None


def test_the_columns_go_down_and_up_again_keeping_the_mocks(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    _seed(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE mock_seat SET unmet_reason = 'absent'"))
    downgrade(engine, "0016_mock_followup-1")
    for table, names in NEW.items():
        assert not names & _columns(engine, table)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM mock_seat")).scalar() == 1
        assert conn.execute(text("SELECT comment FROM mock_feedback")).scalar() == "ok"
    upgrade(engine)
    for table, names in NEW.items():
        assert names <= _columns(engine, table)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT unmet_reason FROM mock_seat")).scalar() is None


def test_members_of_a_mock_closed_before_the_migration_are_not_asked_again(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0008_mock_wait_hours")
    _seed(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE mock_pairing SET status = 'expired'"))
        conn.execute(text("UPDATE mock_seat SET status = 'expired'"))
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT asked_at FROM mock_seat")).scalar() is not None
