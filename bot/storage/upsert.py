"""The dialect's INSERT with ON CONFLICT, for SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


def upsert_insert(session: Session) -> Callable[[Any], Any]:
    """Return the dialect's insert, which offers ON CONFLICT and reports its rowcount.

    Callers read `rowcount` to learn whether ON CONFLICT DO NOTHING inserted the row;
    SQLAlchemy only keeps an INSERT's rowcount on every driver (psycopg too) when asked.
    """
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    return lambda table: insert(table).execution_options(preserve_rowcount=True)
