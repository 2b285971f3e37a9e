"""A week the digest tests share: members who answer, tie, rate, write, take and wait."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app.hub import Hub
from bot.core.cards import Message, Reply, plain
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.leaderboard.flow import answer, give
from tests.features.mock.flow import NEW_YORK_NOONS, profile, request
from tests.features.story.flow import take, write

TITLE = "Your week in PrepLoop"
BEFORE = datetime(2026, 11, 25, 10, tzinfo=UTC)  # the week before: Wednesday
SATURDAY = datetime(2026, 12, 5, 10, tzinfo=UTC)
SUNDAY = datetime(2026, 12, 6, 10, tzinfo=UTC)
MONDAY = datetime(2026, 12, 7, tzinfo=UTC)


def rate_missed(hub: Hub, who: str) -> None:
    """Rate the question /practice offers as missed: it comes back for review the next day."""
    card = hub.command_text(actor(who), "practice", "").messages[0].card
    missed = next(b for b in card.buttons if b.value.endswith(":missed"))
    hub.press(actor(who), missed.action, missed.value)


def a_week(hub: Hub, clock: FakeClock) -> Reply:
    """Ann (Paris) and Bob (New York) tie; Cat did nothing; Dan wrote a story; Eve opted out.

    All time: Ann 27 and Bob 27 share the top, Cat 20, Dan 15, Eve 10. A week before Monday
    Cat led with 20 and Ann and Bob shared second with 5. Returns the reply pairing Ann and Bob.
    """
    clock.set(BEFORE)
    for who, points in (("cat", 20), ("ann", 5), ("bob", 5)):
        give(hub, who, points)
    clock.set(SATURDAY)
    for who in ("ann", "bob", "eve"):
        answer(hub, who)
    rate_missed(hub, "ann")
    write(hub, "dan")
    take(hub, "ann")
    hub.command_text(actor("eve"), "profile", "set digest:off")
    clock.set(SUNDAY)
    answer(hub, "ann")  # a two-day streak: 10 + 10 + 2
    give(hub, "bob", 12)
    profile(hub, "ann")
    profile(hub, "bob", level="senior", zone="America/New_York", hours=NEW_YORK_NOONS)
    request(hub, "ann")
    return request(hub, "bob", "round:ml_depth")  # paired with Ann, for Monday evening


async def digests(hub: Hub, clock: FakeClock, moment: datetime) -> dict[str, str]:
    """Tick the scheduler at a moment (a fresh runner, as after a restart): digests by member."""
    messenger = FakeMessenger()
    clock.set(moment)
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    return {
        message.to_member or "": plain(message.card.text)
        for _, message in messenger.sent
        if is_digest(message)
    }


def is_digest(message: Message) -> bool:
    return plain(message.card.title) == TITLE
