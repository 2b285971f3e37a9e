"""The prep migration: its tables match the code, and it goes down and up again."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - every table on the metadata
from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade


def test_the_migration_matches_the_prep_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "prep_" in repr(d)] == []


def test_the_prep_tables_go_down_and_up_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    downgrade(engine, "0012_prep-1")
    tables = set(inspect(engine).get_table_names())
    assert "prep_plan" not in tables and "prep_item" not in tables and "member" in tables
    upgrade(engine)
    assert {"prep_plan", "prep_item"} <= set(
        inspect(make_engine(str(engine.url))).get_table_names()
    )
