"""Effectively once: a post delivered by a run that died before recording it is not sent again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.core.cards import plain
from bot.features.daily.tables import DailyPost
from bot.scheduling.claims import LEASE
from bot.scheduling.delivery import JobRunner
from bot.scheduling.tables import JobClaim
from tests.conftest import actor
from tests.fakes import DiesAfterDelivering, DiesBeforeDelivering, FakeClock, FakeMessenger

NINE_IN_BERLIN = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)


@pytest.fixture
def messenger(hub: Hub, clock: FakeClock) -> FakeMessenger:
    """A sprint in g1's c1 whose first question is due now, and the platform it goes to."""
    clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    admin = actor("boss", admin=True, community="g1", channel="c1")
    hub.command_text(admin, "sprint", "start Spring start:2027-03-15 timezone:Europe/Berlin")
    clock.set(NINE_IN_BERLIN)
    return FakeMessenger()


def _questions(messenger: FakeMessenger) -> list[str]:
    return [
        message.marker or ""
        for _, message in messenger.sent
        if plain(message.card.title).startswith("Question of the day")
    ]


def _daily(hub: Hub) -> tuple[JobClaim, DailyPost]:
    with Session(hub.engine) as session:
        claim = session.exec(select(JobClaim).where(JobClaim.kind == "daily")).one()
        post = session.exec(select(DailyPost)).one()
    return claim, post


async def _after_the_lease(hub: Hub, clock: FakeClock, messenger: FakeMessenger) -> int:
    clock.advance(seconds=LEASE.total_seconds() + 60)
    return await JobRunner(hub.engine, clock, {"console": messenger}).tick()


async def test_a_post_delivered_but_not_recorded_is_found_and_recorded_not_sent_again(
    hub: Hub, clock: FakeClock, messenger: FakeMessenger
) -> None:
    await DiesAfterDelivering(hub.engine, clock, {"console": messenger}).tick()
    [marker] = _questions(messenger)
    assert await _after_the_lease(hub, clock, messenger) >= 1
    assert _questions(messenger) == [marker]
    assert marker in messenger.looked_for
    claim, post = _daily(hub)
    assert claim.outcome == "ok (1 sent)"
    assert post.message_ref == "msg-1"  # tomorrow's reveal goes under the one post


async def test_a_claim_taken_over_before_anything_was_sent_is_posted_once(
    hub: Hub, clock: FakeClock, messenger: FakeMessenger
) -> None:
    await DiesBeforeDelivering(hub.engine, clock, {"console": messenger}).tick()
    assert messenger.sent == []
    await _after_the_lease(hub, clock, messenger)
    assert len(_questions(messenger)) == 1
    assert messenger.looked_for  # it looked first, found nothing, posted
    assert _daily(hub)[0].outcome == "ok (1 sent)"


async def test_when_the_history_cannot_be_read_the_taken_over_post_is_sent(
    hub: Hub, clock: FakeClock, messenger: FakeMessenger
) -> None:
    await DiesBeforeDelivering(hub.engine, clock, {"console": messenger}).tick()
    messenger.unreadable = True
    await _after_the_lease(hub, clock, messenger)
    assert len(_questions(messenger)) == 1
    assert _daily(hub)[0].outcome == "ok (1 sent)"


async def test_a_fresh_claim_posts_without_reading_the_history_and_each_post_has_its_marker(
    hub: Hub, clock: FakeClock, messenger: FakeMessenger
) -> None:
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    assert messenger.looked_for == []
    markers = [message.marker for _, message in messenger.sent]
    assert all(markers) and len(set(markers)) == len(markers)
