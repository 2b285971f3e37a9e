"""transact(): one transaction, run again only when the database reports a lost race."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, select

from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.tables import Community
from bot.storage.uow import ATTEMPTS, FIRST_PAUSE_SECONDS, MAX_PAUSE_SECONDS, pause, transact


class Refusal(Exception):
    """What psycopg raises: an error carrying the SQLSTATE code."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


class Losing:
    """Work that adds a row, then is refused `times` times with this SQLSTATE."""

    def __init__(self, times: int, sqlstate: str, error: type[OperationalError | IntegrityError]):
        self.times, self.sqlstate, self.error = times, sqlstate, error
        self.calls = 0

    def __call__(self, session: Session) -> int:
        self.calls += 1
        session.add(Community(platform="t", external_id=str(self.calls)))
        session.flush()
        if self.calls <= self.times:
            raise self.error("COMMIT", {}, Refusal(self.sqlstate))
        return self.calls


@pytest.mark.parametrize("sqlstate", ["40001", "40P01"])
def test_a_transaction_that_lost_a_race_runs_again_and_only_its_last_run_counts(
    database_url: str, sqlstate: str
) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    work = Losing(2, sqlstate, OperationalError)
    assert transact(engine, work) == 3
    with Session(engine) as session:
        assert [c.external_id for c in session.exec(select(Community))] == ["3"]
    engine.dispose()


def test_any_other_error_is_raised_at_once_and_nothing_is_kept(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    work = Losing(1, "23505", IntegrityError)
    with pytest.raises(IntegrityError):
        transact(engine, work)
    assert work.calls == 1
    with Session(engine) as session:
        assert session.exec(select(Community)).all() == []
    engine.dispose()


def test_a_race_lost_every_time_is_given_up_after_the_last_attempt(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    work = Losing(99, "40001", OperationalError)
    with pytest.raises(OperationalError):
        transact(engine, work, attempts=3)
    assert work.calls == 3
    engine.dispose()


@pytest.mark.parametrize("attempt", [1, 3, 7, 9])
def test_the_pauses_between_attempts_double_and_are_spread_so_racers_part(attempt: int) -> None:
    step = min(FIRST_PAUSE_SECONDS * 2**attempt, MAX_PAUSE_SECONDS)
    pauses = {pause(attempt) for _ in range(50)}
    assert all(step * 0.5 <= p <= step * 1.5 for p in pauses)
    assert len(pauses) > 40  # two processes that collided do not wait the same time again


def test_a_member_waits_at_most_a_few_seconds_for_every_retry_together() -> None:
    pauses = range(1, ATTEMPTS)  # after every attempt but the last
    worst = sum(min(FIRST_PAUSE_SECONDS * 2**n, MAX_PAUSE_SECONDS) * 1.5 for n in pauses)
    assert worst < 3.0
