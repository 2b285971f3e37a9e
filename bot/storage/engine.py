"""Engine set-up: SQLite in WAL mode with write-locking transactions, or PostgreSQL.

Both backends give every transaction the same guarantee: it behaves as if it ran alone.
SQLite gets there by taking the write lock at BEGIN (BEGIN IMMEDIATE); PostgreSQL runs at
SERIALIZABLE isolation, and a transaction that loses a race fails with a serialization error
that bot.storage.uow.transact retries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

BUSY_TIMEOUT_MS = 5000
# Per process: a Hub call holds one connection, and the scheduler delivers up to 16 pieces
# of work at once (bot/scheduling/delivery.py), so 10 + 10 overflow serves a busy process while four
# processes still fit in PostgreSQL's default max_connections of 100.
POOL_SIZE = 10
MAX_OVERFLOW = 10
POOL_RECYCLE_SECONDS = 1800
POSTGRES_DRIVER = "postgresql+psycopg"
# A statement's parameters hold member text (answers, stories): keep them out of the errors
# and tracebacks a failing statement produces.
HIDE_PARAMETERS = True


def make_engine(url: str) -> Engine:
    """Create an engine for a SQLite or PostgreSQL URL (other URLs get SQLAlchemy's defaults)."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "postgresql":
        return _postgres_engine(parsed)
    if not parsed.drivername.startswith("sqlite"):
        return create_engine(parsed, pool_pre_ping=True, hide_parameters=HIDE_PARAMETERS)
    return _sqlite_engine(parsed)


def normalize_url(url: str | URL) -> URL:
    """Parse a URL; `postgres://` and `postgresql://` use psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        return parsed.set(drivername=POSTGRES_DRIVER)
    return parsed


def is_sqlite(url: str | URL) -> bool:
    """Return whether a URL names a SQLite database."""
    return normalize_url(url).get_backend_name() == "sqlite"


def _postgres_engine(url: URL) -> Engine:
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=POOL_SIZE,
        max_overflow=MAX_OVERFLOW,
        pool_recycle=POOL_RECYCLE_SECONDS,
        isolation_level="SERIALIZABLE",
        hide_parameters=HIDE_PARAMETERS,
    )


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False}, hide_parameters=HIDE_PARAMETERS
    )
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy's "begin" event below; pysqlite's own
    # deferred BEGIN lets two read-then-write transactions lose an update.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")
