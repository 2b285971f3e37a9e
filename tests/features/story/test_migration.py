"""The story migration: it matches the tables, and goes down and up on a database with rows."""

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

STORY_TABLES = {"story", "storyreview", "storyconfig"}
NOW = datetime(2026, 12, 1, tzinfo=UTC).isoformat(sep=" ")


def _seed(engine: object) -> None:
    statements = [
        "INSERT INTO community (id, platform, external_id, name, timezone, created_at) "
        f"VALUES (1, 'console', 'g1', 'G', 'UTC', '{NOW}')",
        "INSERT INTO member (id, community_id, external_id, display_name, joined_at) "
        f"VALUES (1, 1, 'u1', 'U1', '{NOW}'), (2, 1, 'u2', 'U2', '{NOW}')",
        "INSERT INTO story (community_id, member_id, number, principles, title, situation, task, "
        "action, result, created_at, updated_at) VALUES "
        f"(1, 1, 1, 'ownership', 'T', 's', 't', 'a', 'r', '{NOW}', '{NOW}')",
        "INSERT INTO storyreview (community_id, story_id, reviewer_id, status, comments, helpful, "
        f"assigned_at) VALUES (1, 1, 2, 'open', '', 0, '{NOW}')",
        "INSERT INTO storyconfig (community_id, reviews_wanted) VALUES (1, 3)",
    ]
    with engine.begin() as conn:  # type: ignore[attr-defined]
        for statement in statements:
            conn.execute(text(statement))


def test_the_migration_creates_exactly_the_story_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    ours = [d for d in diff if "'story" in repr(d)]  # story, storyreview, storyconfig
    assert ours == []


def test_the_story_branch_goes_down_and_up_again_with_rows(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    _seed(engine)
    downgrade(engine, "0004_story")  # the later story revisions first
    downgrade(engine, "story@-1")
    tables = set(inspect(engine).get_table_names())
    assert not STORY_TABLES & tables
    assert {"community", "member", "ledgerentry"} <= tables
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= STORY_TABLES
    again = (
        "INSERT INTO story (community_id, member_id, number, principles, title, situation, task, "
        f"action, result, created_at, updated_at) VALUES (1, 1, 1, '', 'T', '', '', '', '', "
        f"'{NOW}', '{NOW}')"
    )
    with engine.begin() as conn:
        conn.execute(text(again))
        assert conn.execute(text("SELECT count(*) FROM member")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM story")).scalar() == 1


def _earned(engine: object) -> list[tuple[int, str]]:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        rows = conn.execute(text("SELECT number, points_reference FROM story ORDER BY number"))
        return [tuple(row) for row in rows]


def test_a_story_that_earned_points_before_the_upgrade_earns_nothing_again(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    _seed(engine)
    second = (
        "INSERT INTO story (community_id, member_id, number, principles, title, situation, task, "
        f"action, result, created_at, updated_at) VALUES (1, 1, 2, 'ownership', 'T', 's', 't', "
        f"'a', 'r', '{NOW}', '{NOW}')"
    )
    earned = (
        "INSERT INTO ledgerentry (community_id, member_id, reason, reference, points, created_at) "
        f"VALUES (1, 1, 'story_submitted', 'story:1', 15, '{NOW}')"
    )
    with engine.begin() as conn:
        conn.execute(text(second))
        conn.execute(text(earned))
    downgrade(engine, "0004_story")
    upgrade(engine)
    assert _earned(engine) == [(1, "story:1"), (2, "")]


def test_a_reviewer_assigned_before_the_upgrade_keeps_the_story_taken(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    _seed(engine)
    downgrade(engine, "0006_story_award_once")
    assert "taken_at" not in {c["name"] for c in inspect(engine).get_columns("storyreview")}
    upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT taken_at, skipped_at FROM storyreview")).one()
    assert row[0] is not None and row[1] is None
