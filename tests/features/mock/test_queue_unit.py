"""The queue without a database: `/mock request` pairs at once or waits; cancel; status wording."""

from __future__ import annotations

import pytest

from bot.app.registry import NoOptions, UserError
from bot.core.cards import plain
from bot.features.mock.queue import (
    PAUSED,
    RequestOptions,
    cancel_mock,
    mock_status,
    request_mock,
)
from bot.features.mock.tables import MockPairing, MockRequest, MockSeat
from tests.fakes import FakeUnitOfWork
from tests.features.mock.fakes import FakeMockStore, mock_unit, with_profile
from tests.features.mock.flow import text_of, to

CODING = RequestOptions(round="onsite_coding")


@pytest.fixture
def unit() -> tuple[FakeUnitOfWork, FakeMockStore]:
    return mock_unit()


def test_a_member_without_a_profile_is_walked_through_profile_set(
    unit: tuple[FakeUnitOfWork, FakeMockStore],
) -> None:
    uow, store = unit
    shown = text_of(request_mock(uow.ctx("u1"), CODING))
    assert "First, your mock profile" in shown
    assert store.all(MockRequest) == []


def test_the_first_request_waits_and_says_nobody_shares_the_role_yet(
    unit: tuple[FakeUnitOfWork, FakeMockStore],
) -> None:
    uow, store = unit
    with_profile(uow, "u1")
    shown = text_of(request_mock(uow.ctx("u1"), CODING))
    assert "You are in the mock queue." in shown
    assert "Round: **Onsite coding**." in shown
    assert "Nobody else here has MLE as target role yet" in shown
    assert "You stay in the queue until someone with your target role asks." in shown
    assert [r.status for r in store.all(MockRequest)] == ["waiting"]


def test_a_second_request_updates_the_first(unit: tuple[FakeUnitOfWork, FakeMockStore]) -> None:
    uow, store = unit
    with_profile(uow, "u1")
    request_mock(uow.ctx("u1"), CODING)
    shown = text_of(request_mock(uow.ctx("u1"), RequestOptions(round="ml_depth")))
    assert "Updated your mock request." in shown
    assert [(r.round, r.status) for r in store.all(MockRequest)] == [("ml_depth", "waiting")]


def test_a_request_pairs_at_once_with_someone_new_whose_hours_overlap(
    unit: tuple[FakeUnitOfWork, FakeMockStore],
) -> None:
    uow, store = unit
    with_profile(uow, "u1")
    with_profile(uow, "u2")
    request_mock(uow.ctx("u1"), CODING)
    reply = request_mock(uow.ctx("u2"), CODING)
    assert "You have a partner!" in text_of(reply)
    assert to(reply, "u1") and to(reply, "u2")
    assert [r.status for r in store.all(MockRequest)] == ["matched", "matched"]
    assert len(store.all(MockPairing)) == 1 and len(store.all(MockSeat)) == 2


def test_someone_of_another_role_is_never_a_partner(
    unit: tuple[FakeUnitOfWork, FakeMockStore],
) -> None:
    uow, store = unit
    with_profile(uow, "u1")
    with_profile(uow, "u2", role="SDE")
    request_mock(uow.ctx("u1"), CODING)
    shown = text_of(request_mock(uow.ctx("u2"), CODING))
    assert "You are in the mock queue." in shown
    assert store.all(MockPairing) == []


def test_a_paused_member_is_told_how_to_resume(
    unit: tuple[FakeUnitOfWork, FakeMockStore],
) -> None:
    uow, store = unit
    with_profile(uow, "u1")
    profile = store.profile(uow.ctx("u1").member_id)
    assert profile is not None
    profile.paused = True
    with pytest.raises(UserError) as refused:
        request_mock(uow.ctx("u1"), CODING)
    assert plain(refused.value.text) == PAUSED


def test_cancel_withdraws_a_waiting_request_and_nothing_else(
    unit: tuple[FakeUnitOfWork, FakeMockStore],
) -> None:
    uow, store = unit
    with_profile(uow, "u1")
    request_mock(uow.ctx("u1"), CODING)
    shown = text_of(cancel_mock(uow.ctx("u1"), NoOptions()))
    assert shown == "Cancelled your Onsite coding request. Nothing else changed."
    assert [r.status for r in store.all(MockRequest)] == ["cancelled"]


def test_cancel_with_nothing_to_cancel_says_how_to_ask(
    unit: tuple[FakeUnitOfWork, FakeMockStore],
) -> None:
    uow, _ = unit
    shown = text_of(cancel_mock(uow.ctx("u1"), NoOptions()))
    assert shown.startswith("You have nothing to cancel. `/mock request round:onsite_coding`")


def test_cancelling_a_mock_puts_the_partner_back_first_in_line(
    unit: tuple[FakeUnitOfWork, FakeMockStore],
) -> None:
    uow, store = unit
    with_profile(uow, "u1")
    with_profile(uow, "u2")
    request_mock(uow.ctx("u1"), CODING)
    request_mock(uow.ctx("u2"), CODING)
    reply = cancel_mock(uow.ctx("u2"), NoOptions())
    assert "They are back in the queue, first in line, and know why." in text_of(reply)
    told = "\n".join(plain(m.card.title) for m in to(reply, "u1"))
    assert "Back in the mock queue, first in line" in told
    waiting = store.waiting_requests()
    assert [(r.member_id, r.priority) for r in waiting] == [(uow.ctx("u1").member_id, True)]
    assert [p.status for p in store.all(MockPairing)] == ["cancelled"]


def test_status_of_a_waiting_member_says_since_when_in_their_zone(
    unit: tuple[FakeUnitOfWork, FakeMockStore],
) -> None:
    uow, _ = unit
    with_profile(uow, "u1")
    request_mock(uow.ctx("u1"), CODING)
    shown = text_of(mock_status(uow.ctx("u1"), NoOptions()))
    assert (
        "Waiting for a partner for **Onsite coding** since Tue 1 Dec, 10:00 (Europe/Paris)."
        in shown
    )
    assert "Time zone: Europe/Paris" in shown


def test_status_of_a_paired_member_names_the_partner_and_the_proposed_time(
    unit: tuple[FakeUnitOfWork, FakeMockStore],
) -> None:
    uow, _ = unit
    with_profile(uow, "u1")
    with_profile(uow, "u2")
    request_mock(uow.ctx("u1"), CODING)
    request_mock(uow.ctx("u2"), CODING)
    shown = text_of(mock_status(uow.ctx("u1"), NoOptions()))
    assert "Paired with u2 · proposed time Tue 1 Dec, 18:00 (Europe/Paris)." in shown
