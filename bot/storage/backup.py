"""`preploop db backup`: a consistent copy of a live SQLite database, taken while the bot runs."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.storage.engine import BUSY_TIMEOUT_MS, is_sqlite


class BackupError(Exception):
    """The backup cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class BackupReport:
    source: Path
    target: Path
    size: int


def backup_sqlite(url: str, target: Path) -> BackupReport:
    """Copy the SQLite database at `url` to `target` through SQLite's online backup API.

    The copy is one read transaction, so it is consistent even while the bot writes (in WAL
    mode writers do not wait for it). It is written beside `target` first and renamed into
    place once complete and checked, so a `target` that exists is always a whole backup.
    """
    source = _sqlite_path(url)
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupReport(source, target, target.stat().st_size)


def _sqlite_path(url: str) -> Path:
    if not is_sqlite(url):
        backend = make_url(url).get_backend_name()
        raise BackupError(
            f"`preploop db backup` copies SQLite databases; DATABASE_URL names a {backend} "
            "database. Back PostgreSQL up with its own tools, e.g. "
            '`pg_dump --format=custom --file=preploop.dump "$DATABASE_URL"`.'
        )
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database has nothing on disk to back up.")
    path = Path(database)
    if not path.is_file():
        raise BackupError(f"There is no database at {path}.")
    return path


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # every page in one step: one read transaction, one snapshot
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        (verdict,) = dst.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise BackupError(f"The copy failed SQLite's check ({verdict}); nothing was kept.")
        dst.commit()
    finally:
        dst.close()
        src.close()
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
