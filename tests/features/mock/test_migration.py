"""The mock migration: it matches the tables, and goes down and up on a database with rows."""

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

MOCK_TABLES = {
    "mock_settings",
    "mock_profile",
    "mock_round",
    "mock_pairing",
    "mock_request",
    "mock_seat",
    "mock_feedback",
    "mock_noshow",
}
NOW = datetime(2026, 12, 1, tzinfo=UTC).isoformat(sep=" ")


def _seed(engine: Engine) -> None:
    statements = [
        "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
        f"VALUES (1, 'console', 'g1', 'G', 'UTC', '{NOW}')",
        "INSERT INTO member (id, community_id, external_id, display_name, joined_at) "
        f"VALUES (1, 1, 'u1', 'U1', '{NOW}'), (2, 1, 'u2', 'U2', '{NOW}')",
        "INSERT INTO mock_settings (community_id, roles, odd_policy) "
        "VALUES (1, '[\"MLE\"]', 'trio')",
        "INSERT INTO mock_profile (community_id, member_id, role, level, availability, paused, "
        f"strikes, updated_at) VALUES (1, 1, 'MLE', 'mle2', '', 0, 0, '{NOW}')",
        "INSERT INTO mock_round (community_id, channel_id, round, claim, status, opens_at, "
        f"closes_at) VALUES (1, 'c1', 'ml_depth', 'k', 'open', '{NOW}', '{NOW}')",
        "INSERT INTO mock_pairing (community_id, status, created_at) "
        f"VALUES (1, 'scheduled', '{NOW}')",
        "INSERT INTO mock_request (community_id, member_id, round, status, priority, "
        "waiting_since, updated_at, pairing_id) "
        f"VALUES (1, 1, 'ml_depth', 'matched', 0, '{NOW}', '{NOW}', 1)",
        "INSERT INTO mock_seat (pairing_id, community_id, member_id, interviews_member_id, "
        "position, round, status) VALUES (1, 1, 1, 2, 0, 'ml_depth', 'active')",
        "INSERT INTO mock_feedback (pairing_id, community_id, from_member_id, to_member_id, round, "
        f"scores, comment, updated_at) VALUES (1, 1, 1, 2, 'ml_depth', '{{}}', 'ok', '{NOW}')",
    ]
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def test_the_migration_creates_exactly_the_mock_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= MOCK_TABLES
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d for d in diff if "mock_" in repr(d)] == []


def test_the_mock_branch_goes_down_and_up_again_with_rows(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    _seed(engine)
    tables = set(inspect(engine).get_table_names())
    while MOCK_TABLES & tables:  # one revision of the mock branch at a time, down to 0001
        downgrade(engine, "mock@-1")
        tables = set(inspect(engine).get_table_names())
    assert not MOCK_TABLES & tables
    assert {"community", "member", "ledgerentry"} <= tables
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= MOCK_TABLES
    again = (
        "INSERT INTO mock_profile (community_id, member_id, role, level, availability, paused, "
        f"strikes, updated_at) VALUES (1, 2, 'SDE', 'mle1', '', 0, 0, '{NOW}')"
    )
    with engine.begin() as conn:
        conn.execute(text(again))
        assert conn.execute(text("SELECT count(*) FROM member")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM mock_profile")).scalar() == 1


def test_the_noshow_migration_goes_down_and_up_keeping_the_mocks(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    _seed(engine)
    report = (
        "INSERT INTO mock_noshow (community_id, pairing_id, reporter_member_id, absent_member_id, "
        f"status, reported_at, dispute_by) VALUES (1, 1, 1, 2, 'pending', '{NOW}', '{NOW}')"
    )
    with engine.begin() as conn:
        conn.execute(text(report))
    downgrade(engine, "0003_mock")
    tables = set(inspect(engine).get_table_names())
    assert "mock_noshow" not in tables and MOCK_TABLES - {"mock_noshow"} <= tables
    upgrade(engine)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM mock_seat")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM mock_noshow")).scalar() == 0
        conn.execute(text(report))
        assert conn.execute(text("SELECT status FROM mock_noshow")).scalar() == "pending"
