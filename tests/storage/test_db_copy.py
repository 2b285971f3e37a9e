"""`preploop db copy`: every row of every table moves from SQLite to PostgreSQL, ids and all."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bot.bootstrap import prepare
from bot.cli import main
from bot.config import Settings
from bot.core.cards import plain
from bot.storage.engine import make_engine
from bot.storage.migrate import current_heads, latest_heads
from tests.conftest import TEST_CONTENT, actor
from tests.fakes import FakeClock
from tests.pg_cluster import Cluster
from tests.storage.db_rows import answer, dump, fill

_targets = itertools.count()


def _settings(url: str) -> Settings:
    return Settings(database_url=url, content_dir=TEST_CONTENT, _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
def empty_postgres(postgres_cluster: Cluster) -> str:
    """A PostgreSQL database with no tables at all, as an operator would create it."""
    name = f"copy_target_{next(_targets)}"
    postgres_cluster.execute(f"CREATE DATABASE {name}")
    # The plain scheme an operator would paste; PrepLoop picks the psycopg driver itself.
    return postgres_cluster.url(name).replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'data' / 'preploop.db'}"
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_every_row_of_every_table_is_copied_to_postgresql_with_its_id(
    source: str, empty_postgres: str, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock()
    hub = prepare(_settings(source), clock)
    fill(hub, clock)
    assert main(["db", "copy", "--to", empty_postgres]) == 0
    before, after = dump(hub.engine), dump(make_engine(empty_postgres))
    assert [name for name, rows in before.items() if not rows] == []  # every table was used
    assert after == before
    assert f"Copied {sum(map(len, before.values()))} rows in {len(before)} tables" in (
        capsys.readouterr().out
    )
    target = make_engine(empty_postgres)
    assert current_heads(target) == latest_heads(target)
    with target.connect() as conn:  # the planner has statistics, the rank count a visibility map
        unvacuumed = conn.exec_driver_sql(
            "SELECT relname FROM pg_stat_user_tables "
            "WHERE last_vacuum IS NULL OR last_analyze IS NULL"
        ).all()
    assert unvacuumed == []


def test_the_bot_carries_on_on_postgresql_after_the_copy(source: str, empty_postgres: str) -> None:
    clock = FakeClock()
    hub = prepare(_settings(source), clock)
    fill(hub, clock)
    main(["db", "copy", "--to", empty_postgres])
    moved = prepare(_settings(empty_postgres), clock)
    shown = moved.command_text(actor("u1"), "profile", "")
    fields = {plain(f.name): plain(f.value) for f in shown.messages[0].card.fields}
    assert fields["Points"] == "37 (rank #1)"
    answer(moved, "u5", "A newcomer's answer after the move.")  # new ids follow the copied ones
    board = plain(moved.command_text(actor("u5"), "leaderboard", "all").messages[0].card.text)
    assert "U5 — 10 pts" in board


def test_a_copy_into_a_database_that_has_rows_is_refused_and_changes_nothing(
    source: str, empty_postgres: str
) -> None:
    clock = FakeClock()
    fill(prepare(_settings(source), clock), clock)
    main(["db", "copy", "--to", empty_postgres])
    before = dump(make_engine(empty_postgres))
    with pytest.raises(SystemExit) as refused:
        main(["db", "copy", "--to", empty_postgres])
    assert "The target database already has rows (table community)" in str(refused.value)
    assert dump(make_engine(empty_postgres)) == before


def test_a_database_copied_back_from_postgresql_to_a_new_sqlite_file_is_the_same(
    source: str, empty_postgres: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    hub = prepare(_settings(source), clock)
    fill(hub, clock)
    main(["db", "copy", "--to", empty_postgres])
    monkeypatch.setenv("DATABASE_URL", empty_postgres)
    back = f"sqlite:///{tmp_path / 'back' / 'preploop.db'}"
    assert main(["db", "copy", "--to", back]) == 0
    assert dump(make_engine(back)) == dump(hub.engine)
    answer(prepare(_settings(back), clock), "u5", "Still numbering after the copied rows.")
