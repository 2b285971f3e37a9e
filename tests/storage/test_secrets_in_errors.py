"""A failing statement quotes no member text; a `%` in a database URL migrates fine."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, insert
from sqlalchemy.exc import DBAPIError

from bot.bootstrap import prepare
from bot.config import Settings
from bot.storage.engine import make_engine
from bot.storage.migrate import current_heads, latest_heads, upgrade
from tests.conftest import TEST_CONTENT
from tests.pg_cluster import Cluster

MEMBER_TEXT = "my private answer about my last employer"


def test_a_failing_statement_does_not_quote_the_member_text_it_carried(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine(database_url)
    notes = Table(
        "scratch_notes",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("body", Text),
    )
    notes.create(engine)
    with engine.begin() as connection:
        connection.execute(insert(notes).values(id=1, body="first"))
    with pytest.raises(DBAPIError) as caught, engine.begin() as connection:
        connection.execute(insert(notes).values(id=1, body=MEMBER_TEXT))  # the id is taken
    logging.getLogger("bot.test").error("saving failed", exc_info=caught.value)
    engine.dispose()
    printed = "".join(traceback.format_exception(caught.value))
    assert "[SQL parameters hidden" in printed
    assert MEMBER_TEXT not in printed
    assert MEMBER_TEXT not in caplog.text


def test_migrations_run_on_a_sqlite_path_holding_a_percent_sign(tmp_path: Path) -> None:
    # Alembic's config is a ConfigParser: "%o" in a URL put there was read as interpolation.
    path = tmp_path / "50%off" / "bot.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    assert current_heads(engine) == latest_heads(engine)
    engine.dispose()


def test_a_postgresql_password_with_percent_signs_starts_the_bot(
    postgres_cluster: Cluster, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "pct_password"
    postgres_cluster.execute(
        f"DROP DATABASE IF EXISTS {name}",
        f"DROP ROLE IF EXISTS {name}",
        f"CREATE ROLE {name} LOGIN PASSWORD 'p@ss%word'",
        f"CREATE DATABASE {name} OWNER {name}",
    )
    url = postgres_cluster.url(name).replace("postgres@", f"{name}:p%40ss%25word@")
    settings = Settings(database_url=url, content_dir=TEST_CONTENT, _env_file=None)  # type: ignore[call-arg]
    hub = prepare(settings)
    try:
        assert current_heads(hub.engine) == latest_heads(hub.engine)
        assert hub.engine.url.password == "p@ss%word"
    finally:
        hub.engine.dispose()
        postgres_cluster.execute(f"DROP DATABASE {name} WITH (FORCE)", f"DROP ROLE {name}")
    said = capsys.readouterr()
    assert "ss%word" not in said.out + said.err
