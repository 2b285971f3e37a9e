"""`preploop db copy`: move every row from one database to another (e.g. SQLite to PostgreSQL).

The target is migrated to the same revisions as the source first, so both have the same tables;
rows go over table by table in foreign-key order, in one transaction on each side, keeping their
ids (ledger references and buttons name rows by id). PostgreSQL's id sequences are then moved
past the copied ids so new rows do not collide with them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Integer, Table, func, inspect, select, text
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401 - registers every table on SQLModel.metadata
from bot.storage.migrate import current_heads, latest_heads, upgrade

BATCH_ROWS = 1000
ALEMBIC_TABLE = "alembic_version"


class CopyError(Exception):
    """The copy cannot start; the message says why and what to do. Nothing was written."""


@dataclass(frozen=True)
class CopyReport:
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_database(source: Engine, target: Engine) -> CopyReport:
    """Copy every PrepLoop table from `source` into the empty database `target`."""
    heads = current_heads(source)
    if heads != latest_heads(source):
        raise CopyError(
            "The source database is not at the newest schema; run `preploop db upgrade` on it "
            "first (with the bot stopped)."
        )
    _refuse_unknown_tables(source)
    upgrade(target)
    tables = SQLModel.metadata.sorted_tables
    with source.begin() as reading, target.begin() as writing:
        _refuse_rows(writing, tables)
        rows = {table.name: _copy_table(reading, writing, table) for table in tables}
        if writing.dialect.name == "postgresql":
            for table in tables:
                _reset_sequence(writing, table)
    if target.dialect.name == "postgresql":
        _vacuum(target)
    return CopyReport(rows)


def _vacuum(target: Engine) -> None:
    """Give PostgreSQL the planner statistics and visibility map a bulk load leaves it without.

    Without the visibility map, counting a range of an index (as a member's rank does) reads
    the table's rows too; autovacuum would catch up, but only some minutes later.
    """
    with target.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")


def _refuse_unknown_tables(source: Engine) -> None:
    known = {table.name for table in SQLModel.metadata.sorted_tables} | {ALEMBIC_TABLE}
    unknown = sorted(set(inspect(source).get_table_names()) - known)
    if unknown:
        raise CopyError(
            f"The source has tables this version of PrepLoop does not know: {', '.join(unknown)}."
            " Copy with the PrepLoop version that created them."
        )


def _refuse_rows(writing: Connection, tables: list[Table]) -> None:
    for table in tables:
        if writing.execute(select(func.count()).select_from(table)).scalar_one():
            raise CopyError(
                f"The target database already has rows (table {table.name}). Copy into an "
                "empty database, before the bot first starts on it."
            )


def _copy_table(reading: Connection, writing: Connection, table: Table) -> int:
    copied = 0
    for batch in _batches(reading, table):
        writing.execute(table.insert(), batch)
        copied += len(batch)
    return copied


def _batches(reading: Connection, table: Table) -> Iterator[list[dict[str, object]]]:
    query = select(table).order_by(*table.primary_key.columns)
    result = reading.execute(query).mappings()
    while rows := result.fetchmany(BATCH_ROWS):
        yield [dict(row) for row in rows]


def _reset_sequence(writing: Connection, table: Table) -> None:
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not isinstance(keys[0].type, Integer):
        return
    sequence = writing.execute(
        text("SELECT pg_get_serial_sequence(:table, :column)"),
        {"table": table.name, "column": keys[0].name},
    ).scalar_one()
    if sequence is None:  # a key that is also a foreign key (e.g. streakstate.member_id)
        return
    highest = writing.execute(select(func.max(keys[0]))).scalar() or 0
    writing.execute(
        text("SELECT setval(CAST(:sequence AS regclass), :next, false)"),
        {"sequence": sequence, "next": highest + 1},
    )
