"""Run Alembic migrations from code (`preploop db upgrade`, and on start)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
# Any constant will do: every PrepLoop process that migrates PostgreSQL takes this lock first.
POSTGRES_MIGRATION_LOCK = 7_143_202_611


def alembic_config(engine: Engine) -> Config:
    """An Alembic config that runs on the given engine.

    The engine travels in `attributes`, never as `sqlalchemy.url`: Alembic's config is a
    ConfigParser, which reads a `%` in a password as interpolation, fails and quotes the value.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the database schema up to the given revision."""
    with _migrating(engine) as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database schema down to the given revision."""
    with _migrating(engine) as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current_heads(engine: Engine) -> set[str]:
    """Return the revisions the database is at (one per migration branch)."""
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def latest_heads(engine: Engine) -> set[str]:
    """Return the newest revision of every migration branch in this checkout."""
    return set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    # Several processes may start at once on one PostgreSQL database: the first to take the
    # lock migrates, the others wait and then find nothing to do. They read the version table
    # after the lock at READ COMMITTED, so they see the first one's commit.
    with engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"
        if postgres:
            connection.execution_options(isolation_level="READ COMMITTED")
        with connection.begin():
            if postgres:
                connection.exec_driver_sql(
                    f"SELECT pg_advisory_xact_lock({POSTGRES_MIGRATION_LOCK})"
                )
            yield connection
