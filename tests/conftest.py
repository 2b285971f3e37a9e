"""Shared fixtures: a hub on a real database with a fixed clock and a small question bank.

Tests of the features, the app, the bank, the scheduler and storage that use a database run
once per backend: "sqlite" (a file in tmp_path) and "postgresql" (a fresh database on a
throwaway server, see tests/pg_cluster.py; skipped, with the reason, when the PostgreSQL
binaries are not installed). The adapter, hostile, scenario and reliability suites use SQLite
only (the scenario and reliability suites start their own PostgreSQL where they need it).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app.hub import Hub
from bot.bootstrap import prepare
from bot.config import Settings
from bot.core.actors import Actor
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from tests import pg_cluster, summaries
from tests.fakes import FakeClock

# Production limits each member to RATE_LIMIT_PER_MINUTE (20) commands and presses; the suites
# drive members faster than any person, so it is off here unless a test turns it on
# (tests/app/test_rate_limit.py and the adapters' test_rate_limit.py do). Worker processes
# the suites start inherit it.
os.environ.setdefault("RATE_LIMIT_PER_MINUTE", "0")

TEST_CONTENT = Path(__file__).parent / "data" / "content"
BACKENDS = ("sqlite", "postgresql")
PER_BACKEND = tuple(
    Path(__file__).parent / folder
    for folder in ("app", "bank", "features", "scheduling", "storage")
)
PER_BACKEND_FILES = (Path(__file__).parent / "hostile" / "test_hostile_input.py",)
TEMPLATE = "preploop_template"
_databases = itertools.count()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    summaries.big_groups_first(items)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """pytest-xdist: keep the tests of a group (tests/summaries.py GROUPS) in one worker."""
    return summaries.grouped_scheduler(config, log)


def pytest_sessionfinish(session: pytest.Session) -> None:
    summaries.hand_over(session.config)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    """pytest-xdist: a worker finished; keep the summaries it sends."""
    summaries.receive(node)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    summaries.print_all(terminalreporter)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every integration test that uses a database once per backend."""
    if "db_backend" not in metafunc.fixturenames:
        return
    path = metafunc.definition.path
    if any(folder in path.parents for folder in PER_BACKEND) or path in PER_BACKEND_FILES:
        metafunc.parametrize("db_backend", BACKENDS)


@pytest.fixture
def db_backend() -> str:
    return "sqlite"


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[pg_cluster.Cluster]:
    reason = pg_cluster.missing()
    if reason:
        pytest.skip(reason)
    bin_dir = pg_cluster.find_bin_dir()
    assert bin_dir is not None
    cluster = pg_cluster.start_cluster(bin_dir)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_cluster: pg_cluster.Cluster) -> str:
    """A migrated, empty database that every PostgreSQL test database is copied from."""
    postgres_cluster.execute(f"CREATE DATABASE {TEMPLATE}")
    engine = make_engine(postgres_cluster.url(TEMPLATE))
    upgrade(engine)
    engine.dispose()
    return TEMPLATE


@pytest.fixture
def postgres_url(postgres_cluster: pg_cluster.Cluster, postgres_template: str) -> Iterator[str]:
    """The URL of a fresh, migrated PostgreSQL database, dropped after the test."""
    name = f"test_{os.getpid()}_{next(_databases)}"
    postgres_cluster.execute(f"CREATE DATABASE {name} TEMPLATE {postgres_template}")
    yield postgres_cluster.url(name)
    postgres_cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def database_url(db_backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if db_backend == "postgresql":
        url: str = request.getfixturevalue("postgres_url")
        return url
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        content_dir=TEST_CONTENT,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def hub(settings: Settings, clock: FakeClock) -> Iterator[Hub]:
    hub = prepare(settings, clock)
    yield hub
    hub.engine.dispose()


@pytest.fixture
def limited_hub(settings: Settings, clock: FakeClock) -> Iterator[Hub]:
    """The hub as production builds it: 20 commands and presses a minute per member."""
    hub = prepare(settings.model_copy(update={"rate_limit_per_minute": 20}), clock)
    yield hub
    hub.engine.dispose()


def actor(
    user: str = "u1",
    *,
    admin: bool = False,
    community: str = "g1",
    channel: str = "c1",
    platform: str = "console",
) -> Actor:
    """A member acting in a channel."""
    return Actor(
        platform=platform,
        community_id=community,
        user_id=user,
        display_name=user.title(),
        channel_id=channel,
        is_admin=admin,
    )
