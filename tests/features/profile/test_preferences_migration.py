"""The preferences migration: members saved before it keep their rows and get the defaults."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - every table on the metadata
from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade

NOW = "2026-12-01 00:00:00"
ROWS = (
    "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
    f"VALUES (1, 'console', 'g1', 'G', 'UTC', '{NOW}')",
    "INSERT INTO member (id, community_id, external_id, display_name, joined_at) "
    f"VALUES (1, 1, 'u1', 'U1', '{NOW}'), (2, 1, 'u2', 'U2', '{NOW}')",
    "INSERT INTO ledgerentry (community_id, member_id, points, reason, reference, created_at) "
    f"VALUES (1, 1, 10, 'daily_answer', 'q1', '{NOW}')",
)
PREFERENCES = "SELECT mock_reminders, reviewer, weekly_digest FROM member ORDER BY id"


def _seed(engine: Engine) -> None:
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))


def test_the_migration_matches_the_member_table(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "'member'" in repr(d)] == []


def test_members_with_points_saved_before_it_get_the_default_preferences(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0001")
    _seed(engine)
    upgrade(engine)
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(text(PREFERENCES))] == [(1, 0, 1), (1, 0, 1)]
        assert conn.execute(text("SELECT count(*) FROM ledgerentry")).scalar() == 1


def test_the_preferences_go_down_and_up_again_keeping_the_members(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    _seed(engine)
    downgrade(engine, "members@-1")
    assert "weekly_digest" not in {c["name"] for c in inspect(engine).get_columns("member")}
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM member")).scalar() == 2
