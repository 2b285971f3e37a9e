"""PostgreSQL: engine settings, lost updates, concurrent migrations and time zones."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from bot.bootstrap import prepare
from bot.config import Settings
from bot.scheduling.tables import JobClaim
from bot.storage.engine import MAX_OVERFLOW, POOL_SIZE, make_engine, normalize_url
from bot.storage.migrate import current_heads, downgrade, latest_heads, upgrade
from bot.storage.tables import Community, Member
from bot.storage.uow import UnitOfWork, transact
from tests.conftest import TEST_CONTENT
from tests.fakes import FakeClock
from tests.pg_cluster import Cluster
from tests.storage.db_rows import dump, fill


@pytest.mark.parametrize(
    "url",
    ["postgres://u:p@db/preploop", "postgresql://u:p@db/preploop", "postgresql+psycopg://u@db/x"],
)
def test_every_postgresql_url_uses_psycopg_3(url: str) -> None:
    assert normalize_url(url).drivername == "postgresql+psycopg"


def test_the_engine_pings_pools_and_serializes_without_sqlite_pragmas(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    assert engine.pool.size() == POOL_SIZE  # type: ignore[attr-defined]
    assert engine.pool._max_overflow == MAX_OVERFLOW  # type: ignore[attr-defined]
    assert engine.pool._pre_ping
    with engine.connect() as conn:
        assert conn.execute(text("SHOW transaction_isolation")).scalar() == "serializable"
    engine.dispose()


def _bump_concurrently(engine_url: str, bump: Callable[[Session], None]) -> None:
    """Run `bump` 100 times from 4 threads at once; every run must end up committed."""
    engine = make_engine(engine_url)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(25):
                transact(engine, bump)
        except BaseException as error:  # reported below, with the others
            errors.append(error)

    workers = [threading.Thread(target=work) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    engine.dispose()
    assert errors == []


def test_concurrent_read_then_write_loses_no_update(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    with UnitOfWork(engine) as uow:
        uow.session.add(Community(platform="t", external_id="x", name="0"))

    def bump(session: Session) -> None:
        row = session.exec(select(Community)).one()
        row.name = str(int(row.name) + 1)

    _bump_concurrently(postgres_url, bump)
    with Session(engine) as session:
        assert session.exec(select(Community)).one().name == "100"
    engine.dispose()


def test_a_check_then_insert_race_creates_one_row(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    with UnitOfWork(engine) as uow:
        uow.session.add(Community(platform="t", external_id="x"))

    def join(session: Session) -> None:  # how the hub creates a member on first contact
        if session.exec(select(Member)).first() is None:
            session.add(Member(community_id=1, external_id="same-person"))

    _bump_concurrently(postgres_url, join)
    with Session(engine) as session:
        assert len(session.exec(select(Member)).all()) == 1
    engine.dispose()


def test_processes_starting_together_migrate_a_blank_database_once(
    postgres_cluster: Cluster,
) -> None:
    postgres_cluster.execute("CREATE DATABASE blank_for_migrations")
    url = postgres_cluster.url("blank_for_migrations")
    errors: list[BaseException] = []

    def start() -> None:
        engine = make_engine(url)
        try:
            upgrade(engine)
        except BaseException as error:  # reported below, with the others
            errors.append(error)
        engine.dispose()

    starters = [threading.Thread(target=start) for _ in range(4)]
    for starter in starters:
        starter.start()
    for starter in starters:
        starter.join()
    assert errors == []
    engine = make_engine(url)
    assert current_heads(engine) == latest_heads(engine)
    engine.dispose()


def test_every_migration_goes_down_and_up_again_with_rows_in_every_table(
    postgres_url: str,
) -> None:
    clock = FakeClock()
    settings = Settings(database_url=postgres_url, content_dir=TEST_CONTENT, _env_file=None)  # type: ignore[call-arg]
    hub = prepare(settings, clock)
    fill(hub, clock)
    assert all(dump(hub.engine).values())
    downgrade(hub.engine, "base")
    assert inspect(hub.engine).get_table_names() == ["alembic_version"]
    upgrade(hub.engine)
    upgrade(hub.engine)  # a second upgrade is a no-op
    with UnitOfWork(hub.engine) as uow:
        uow.session.add(Community(platform="discord", external_id="43", name="Again"))
    with Session(hub.engine) as session:
        assert [c.external_id for c in session.exec(select(Community))] == ["43"]
    hub.engine.dispose()


def test_times_come_back_in_utc_whatever_zone_they_were_written_in(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    berlin = timezone(timedelta(hours=1))
    written = datetime(2027, 3, 15, 9, 0, tzinfo=berlin)
    with UnitOfWork(engine) as uow:
        uow.session.add(Community(platform="t", external_id="x"))
        uow.session.flush()
        uow.session.add(
            JobClaim(community_id=1, channel_id="c", kind="daily", key="k", lease_until=written)
        )
    with Session(engine) as session:
        claim = session.exec(select(JobClaim)).one()
    assert claim.lease_until == written
    assert claim.lease_until.tzinfo == UTC
    engine.dispose()
