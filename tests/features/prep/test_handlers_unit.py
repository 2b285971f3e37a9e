"""`/prep` handlers on a fake store: what a member is told, without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.app.registry import UserError
from bot.features.prep.handlers import (
    MoveOptions,
    StartOptions,
    prep_done,
    prep_move,
    prep_start,
)
from bot.features.prep.store import PrepStore
from tests.fakes import FakeClock, FakeUnitOfWork
from tests.features.prep.fakes import FakePrepStore
from tests.replies import reply_text

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def _uow() -> tuple[FakeUnitOfWork, FakePrepStore]:
    store = FakePrepStore()
    store.practice[1] = ("07:30", "Europe/Berlin")
    return FakeUnitOfWork((PrepStore, store), clock=FakeClock(NOW)), store


def test_a_plan_tells_the_member_when_its_items_arrive() -> None:
    uow, store = _uow()
    said = reply_text(prep_start(uow.ctx("u1"), StartOptions(date=date(2026, 12, 31))))
    assert "28 items, one a day from Thu 3 Dec to Thu 31 Dec" in said
    assert "comes in your daily practice DM at 07:30 (Europe/Berlin)" in said
    assert len(store.rows) == 28


def test_a_task_of_a_later_day_cannot_be_marked_done_yet() -> None:
    uow, store = _uow()
    prep_start(uow.ctx("u1"), StartOptions(date=date(2026, 12, 31)))
    later = max(store.rows, key=lambda r: r.day)
    with pytest.raises(UserError, match="planned for Wed 30 Dec; it opens then"):
        prep_done(uow.ctx("u1"), str(later.seq))


def test_a_move_to_a_past_date_is_refused_and_keeps_the_plan() -> None:
    uow, store = _uow()
    prep_start(uow.ctx("u1"), StartOptions(date=date(2026, 12, 31)))
    with pytest.raises(UserError, match="is not after today"):
        prep_move(uow.ctx("u1"), MoveOptions(date=date(2026, 11, 30)))
    assert len(store.rows) == 28
