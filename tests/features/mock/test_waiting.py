"""The wait limit: a repeat partner, or one with other hours, when nobody new asks in time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from bot.app.hub import ADMIN_ONLY, Hub
from bot.features.mock.tables import MockPairing
from bot.scheduling.delivery import JobRunner
from tests.fakes import FakeClock, FakeMessenger
from tests.features.mock.flow import card_text, mock, pair, profile, request, text_of, to

PAST_PARTNER = (
    "If nobody new asks (and no mock round opens) by Wed 2 Dec, 10:00 (Europe/Paris), "
    "I'll pair you with someone you were paired with before."
)


def _paired_then_cancelled(hub: Hub) -> str:
    """u1 and u2 are paired, u1 cancels (u2 waits again) and asks again; return what u1 is told."""
    pair(hub)
    mock(hub, "u1", "cancel")
    return text_of(request(hub, "u1"))


def _pairings(hub: Hub) -> int:
    with Session(hub.engine) as session:
        return len(session.exec(select(MockPairing)).all())


def test_a_past_partner_waiting_is_not_paired_at_once_and_the_member_is_told_when(
    hub: Hub,
) -> None:
    told = _paired_then_cancelled(hub)
    assert "You are in the mock queue." in told
    assert "I'll pair you as soon as someone new with your target role" in told
    assert PAST_PARTNER in told
    assert "I will pair you as soon as a partner with your target role asks" not in told


def test_someone_new_who_asks_within_the_limit_is_paired_instead(hub: Hub) -> None:
    _paired_then_cancelled(hub)
    profile(hub, "u3")
    reply = request(hub, "u3")
    assert "You have a partner!" in text_of(reply)
    assert "for someone new" not in text_of(reply)
    assert (to(reply, "u1") and not to(reply, "u2")) or (to(reply, "u2") and not to(reply, "u1"))


async def test_when_the_limit_passes_the_scheduler_pairs_them_once(
    hub: Hub, clock: FakeClock
) -> None:
    _paired_then_cancelled(hub)
    messenger = FakeMessenger("console")
    runner = JobRunner(hub.engine, clock, {"console": messenger})
    clock.set(datetime(2026, 12, 2, 8, 59, tzinfo=UTC))  # a minute before the limit
    await runner.tick()
    assert _pairings(hub) == 1
    clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    await runner.tick()
    await runner.tick()  # a second tick (or process) pairs nobody twice
    assert _pairings(hub) == 2
    sent = {m.to_member for _, m in messenger.sent}
    assert sent == {"u1", "u2"}
    announced = card_text(messenger.sent[0][1].card)
    assert (
        "One of you had waited 24 hours for someone new, so I paired you even though you were "
        "paired before or your weekly hours do not overlap."
    ) in announced
    assert "Paired with u2" in card_text(mock(hub, "u1", "status").messages[0].card)


def test_after_the_limit_a_past_partner_who_asks_is_paired_at_once(
    hub: Hub, clock: FakeClock
) -> None:
    pair(hub)
    mock(hub, "u1", "cancel")
    clock.advance(hours=25)
    reply = request(hub, "u1")
    assert "You have a partner!" in text_of(reply)
    assert "One of you had waited 24 hours for someone new" in card_text(to(reply, "u2")[0].card)


def test_a_member_with_no_one_waiting_is_told_the_limit_in_plain_words(hub: Hub) -> None:
    profile(hub, "u1")
    profile(hub, "u2")
    told = text_of(request(hub, "u1"))
    assert (
        "After 24 hours of waiting, anyone with your target role who asks will do, "
        "even someone you were paired with before."
    ) in told


@pytest.mark.parametrize(
    ("hours", "shown", "by"),
    [
        ("1", "up to 1 hour;", "Tue 1 Dec, 11:00"),
        ("6", "up to 6 hours;", "Tue 1 Dec, 16:00"),
    ],
)
def test_an_admin_sets_the_wait_limit_and_members_are_told_it(
    hub: Hub, hours: str, shown: str, by: str
) -> None:
    settings = text_of(mock(hub, "boss", f"settings wait_hours:{hours}", admin=True))
    assert f"Waiting for someone new: {shown} then a member is paired" in settings
    assert (
        f"If nobody new asks (and no mock round opens) by {by} (Europe/Paris)"
        in _paired_then_cancelled(hub)
    )


def test_only_admins_change_the_wait_limit(hub: Hub) -> None:
    assert ADMIN_ONLY in text_of(mock(hub, "u1", "settings wait_hours:1"))


def test_a_wait_limit_out_of_range_is_refused_clearly(hub: Hub) -> None:
    refused = text_of(mock(hub, "boss", "settings wait_hours:0", admin=True))
    assert "wait_hours" in refused and "Something went wrong" not in refused


async def test_the_limit_passing_for_a_member_alone_in_their_role_is_no_work(
    hub: Hub, clock: FakeClock
) -> None:
    profile(hub, "u1")
    profile(hub, "u2", role="SDE")
    request(hub, "u1")
    request(hub, "u2")
    runner = JobRunner(hub.engine, clock, {"console": FakeMessenger("console")})
    clock.advance(hours=25)
    assert await runner.tick() == 0
    assert _pairings(hub) == 0


async def test_a_request_held_for_an_open_round_is_left_to_its_close(
    hub: Hub, clock: FakeClock
) -> None:
    _paired_then_cancelled(hub)
    mock(hub, "boss", "round round:onsite_coding hours:48", admin=True)
    runner = JobRunner(hub.engine, clock, {"console": FakeMessenger("console")})
    clock.advance(hours=25)
    await runner.tick()
    assert _pairings(hub) == 1
    assert "A mock round closes" in text_of(mock(hub, "u1", "request round:onsite_coding"))


def test_status_repeats_when_a_waiting_member_will_be_paired_anyway(hub: Hub) -> None:
    _paired_then_cancelled(hub)
    status = text_of(mock(hub, "u1", "status"))
    assert "Waiting for a partner for **Onsite coding** since Tue 1 Dec, 10:00" in status
    assert PAST_PARTNER in status
