"""No-show reports without a database: when a report opens, and the day to dispute it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app.registry import NoOptions, UserError
from bot.core.cards import plain
from bot.features.mock.dispute import dispute_noshow
from bot.features.mock.noshow import report_noshow
from bot.features.mock.queue import RequestOptions, mock_status, request_mock
from bot.features.mock.tables import MockNoShow, MockPairing
from tests.fakes import FakeClock, FakeUnitOfWork
from tests.features.mock.fakes import FakeMockStore, mock_unit, with_profile
from tests.features.mock.flow import text_of, to


@pytest.fixture
def paired() -> tuple[FakeUnitOfWork, FakeMockStore, MockPairing]:
    """u1 and u2 paired for Tue 1 Dec, 17:00 UTC (18:00 in Paris); the clock at 09:00 UTC."""
    uow, store = mock_unit(FakeClock())
    with_profile(uow, "u1")
    with_profile(uow, "u2")
    request_mock(uow.ctx("u1"), RequestOptions(round="onsite_coding"))
    request_mock(uow.ctx("u2"), RequestOptions(round="onsite_coding"))
    [pairing] = store.all(MockPairing)
    assert pairing.proposed_at is not None
    return uow, store, pairing


def at(uow: FakeUnitOfWork, pairing: MockPairing, minutes: int) -> None:
    """Set the clock to some minutes after the mock's proposed start."""
    assert pairing.proposed_at is not None
    assert isinstance(uow.clock, FakeClock)
    uow.clock.set(pairing.proposed_at + timedelta(minutes=minutes))


def test_a_report_before_fifteen_minutes_past_the_start_is_refused_saying_when(
    paired: tuple[FakeUnitOfWork, FakeMockStore, MockPairing],
) -> None:
    uow, store, pairing = paired
    at(uow, pairing, 14)
    with pytest.raises(UserError) as refused:
        report_noshow(uow.ctx("u1"), NoOptions())
    assert plain(refused.value.text) == (
        "Your mock is planned for Tue 1 Dec, 18:00 (Europe/Paris). If your partner does not "
        "come, you can report it from Tue 1 Dec, 18:15 (Europe/Paris), 15 minutes after the "
        "start. Can't make it yourself? `/mock cancel`."
    )
    assert store.all(MockNoShow) == [] and pairing.status == "scheduled"


def test_a_report_from_fifteen_minutes_past_the_start_is_held_for_a_day(
    paired: tuple[FakeUnitOfWork, FakeMockStore, MockPairing],
) -> None:
    uow, store, pairing = paired
    at(uow, pairing, 15)
    reply = report_noshow(uow.ctx("u1"), NoOptions())
    assert "Noted: u2 did not come. They can dispute it for 24 hours" in text_of(reply)
    [notice] = [m for m in to(reply, "u2") if plain(m.card.title).startswith("Did you miss")]
    assert [b.label for b in notice.card.buttons] == ["Dispute"]
    assert "press **Dispute** by Wed 2 Dec, 18:15 (Europe/Paris)" in plain(notice.card.text)
    [report] = store.all(MockNoShow)
    assert report.status == "pending" and report.dispute_by == uow.clock.now() + timedelta(days=1)
    assert store.waiting_request(uow.ctx("u1").member_id) is not None  # first in line again


def test_the_member_reported_sees_the_report_and_its_dispute_button_in_status(
    paired: tuple[FakeUnitOfWork, FakeMockStore, MockPairing],
) -> None:
    uow, _, pairing = paired
    at(uow, pairing, 20)
    report_noshow(uow.ctx("u1"), NoOptions())
    status = mock_status(uow.ctx("u2"), NoOptions())
    assert "Did you miss your mock interview?" in text_of(status)
    assert "Dispute" in [b.label for m in status.messages for b in m.card.buttons]


def test_a_dispute_within_the_day_means_nobody_is_penalised(
    paired: tuple[FakeUnitOfWork, FakeMockStore, MockPairing],
) -> None:
    uow, store, pairing = paired
    at(uow, pairing, 15)
    report_noshow(uow.ctx("u1"), NoOptions())
    [report] = store.all(MockNoShow)
    at(uow, pairing, 15 + 24 * 60 - 1)
    reply = dispute_noshow(uow.ctx("u2"), str(report.id))
    assert "Disputed. When the two of you disagree, nobody is penalised" in text_of(reply)
    assert "No-show report disputed" in text_of(reply)  # the reporter is told
    assert report.status == "disputed"
    absent = uow.ctx("u2").member_id
    assert [s.status for s in store.seats(pairing.id or 0) if s.member_id == absent] == ["disputed"]


def test_a_dispute_after_the_day_is_refused_and_the_no_show_counts(
    paired: tuple[FakeUnitOfWork, FakeMockStore, MockPairing],
) -> None:
    uow, store, pairing = paired
    at(uow, pairing, 15)
    report_noshow(uow.ctx("u1"), NoOptions())
    [report] = store.all(MockNoShow)
    at(uow, pairing, 15 + 24 * 60)
    with pytest.raises(UserError) as refused:
        dispute_noshow(uow.ctx("u2"), str(report.id))
    assert plain(refused.value.text) == (
        "The time to dispute this report ended Wed 2 Dec, 18:15 (Europe/Paris), so the "
        "no-show counts. Something off? Ask an admin."
    )
    assert report.status == "pending"


def test_only_the_member_reported_may_dispute(
    paired: tuple[FakeUnitOfWork, FakeMockStore, MockPairing],
) -> None:
    uow, store, pairing = paired
    at(uow, pairing, 15)
    report_noshow(uow.ctx("u1"), NoOptions())
    [report] = store.all(MockNoShow)
    with pytest.raises(UserError) as refused:
        dispute_noshow(uow.ctx("u1"), str(report.id))
    assert plain(refused.value.text).startswith("That report is not about you.")
