"""Alembic environment: runs against the engine PrepLoop itself would use."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - registers every table on SQLModel.metadata
from bot.config import Settings
from bot.storage.engine import make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    """Run migrations on a live connection (a connection handed in by PrepLoop, or a new one)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    given = config.attributes.get("engine")
    engine = given or make_engine(config.get_main_option("sqlalchemy.url") or Settings().db_url())
    with engine.connect() as fresh:
        _run(fresh)
    if given is None:
        engine.dispose()


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run against a database.")
run_migrations_online()
