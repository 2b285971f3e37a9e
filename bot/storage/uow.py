"""The unit of work: one transaction per user action or job step."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

__all__ = ["Session", "UnitOfWork", "is_retryable", "transact"]

T = TypeVar("T")
log = logging.getLogger(__name__)


class UnitOfWork:
    """Open a session; commit when the block ends cleanly, roll back when it raises."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is not open")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = Session(self.engine, expire_on_commit=False)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if exc_type is None:
                session.commit()
            else:
                session.rollback()
        finally:
            session.close()
            self._session = None


RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock
# Under contention (three processes and their members answering one question) a transaction
# was seen to lose 8 races in a row; 10 attempts with pauses capped at 0.4 s wait about 2 s at
# worst before a member is told something went wrong.
ATTEMPTS = 10
FIRST_PAUSE_SECONDS = 0.005
MAX_PAUSE_SECONDS = 0.4
JITTER = 0.5  # each pause is its doubling step, give or take half
_jitter = random.Random()  # timing only: nothing a test replays depends on it


def transact(engine: Engine, work: Callable[[Session], T], *, attempts: int = ATTEMPTS) -> T:
    """Run `work` in one transaction; run it again when PostgreSQL reports a lost race.

    Under SERIALIZABLE isolation two transactions that touch the same rows cannot both commit:
    one fails with SQLSTATE 40001 and, having changed nothing, is simply run again. `work` may
    therefore run more than once and must have no effect outside the database (it returns what
    should be sent; it sends nothing). SQLite never raises these: its transactions queue for
    the write lock instead.

    The pauses between attempts double and are jittered, so that transactions of several
    processes that collided once do not collide again at the same moments.
    """
    for attempt in range(1, attempts + 1):
        try:
            with UnitOfWork(engine) as uow:
                return work(uow.session)
        except DBAPIError as error:
            if not is_retryable(error):
                raise
            if attempt == attempts:
                log.error("a transaction lost a race %d times in a row; giving up", attempts)
                raise
            time.sleep(pause(attempt))
    raise AssertionError("unreachable")  # pragma: no cover


def pause(attempt: int) -> float:
    """Seconds to wait after the attempt-th lost race: doubling up to a cap, give or take JITTER."""
    spread: float = _jitter.uniform(1 - JITTER, 1 + JITTER)
    return min(MAX_PAUSE_SECONDS, FIRST_PAUSE_SECONDS * 2.0**attempt) * spread


def is_retryable(error: DBAPIError) -> bool:
    """Return whether the database refused a transaction only because another one won a race."""
    return getattr(error.orig, "sqlstate", None) in RETRYABLE_SQLSTATES
