"""SQLite settings, lost updates, and migrations on a database that holds rows."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import inspect, text
from sqlmodel import Session, select

from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade
from bot.storage.tables import Community, Member
from bot.storage.uow import UnitOfWork


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_concurrent_read_then_write_loses_no_update(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'b.db'}")
    upgrade(engine)
    with UnitOfWork(engine) as uow:
        uow.session.add(Community(platform="t", external_id="x", name="0"))

    def bump() -> None:
        for _ in range(25):
            with UnitOfWork(engine) as uow:
                row = uow.session.exec(select(Community)).one()
                row.name = str(int(row.name) + 1)

    workers = [threading.Thread(target=bump) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    with Session(engine) as session:
        assert session.exec(select(Community)).one().name == "100"


def test_migrations_go_down_and_up_again_on_a_database_with_rows(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    upgrade(engine)
    with UnitOfWork(engine) as uow:
        community = Community(platform="discord", external_id="42", name="Prep")
        uow.session.add(community)
        uow.session.flush()
        uow.session.add(Member(community_id=community.id or 0, external_id="7", display_name="Ann"))
    downgrade(engine, "base")
    assert "member" not in inspect(engine).get_table_names()
    upgrade(engine)
    upgrade(engine)  # a second upgrade is a no-op
    with UnitOfWork(engine) as uow:
        uow.session.add(Community(platform="discord", external_id="43", name="Again"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM community")).scalar() == 1
    tables = set(inspect(engine).get_table_names())
    assert {"community", "member", "question", "dailypost", "answer", "ledgerentry"} <= tables
