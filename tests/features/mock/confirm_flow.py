"""Steps the time-confirmation tests share: press a button of a DM, tick the scheduler."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from bot.app.hub import Hub
from bot.core.cards import Message, Reply
from bot.scheduling.delivery import JobRunner
from tests.conftest import actor
from tests.fakes import FakeClock, FakeMessenger
from tests.features.mock.flow import to

ANNOUNCED = "You have a mock interview partner"
WEDNESDAY = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)  # the first "another time" for pair()


def card_of(reply: Reply, user: str, title: str) -> Message:
    """The one DM of a reply to a member with this title."""
    [found] = [m for m in to(reply, user) if m.card.title == title]
    return found


def press(hub: Hub, user: str, message: Message, label: str) -> Reply:
    """Press the button of a message with this label, as a member."""
    button = next(b for b in message.card.buttons if b.label == label)
    return hub.press(actor(user), button.action, button.value)


def labels(message: Message) -> list[str]:
    return [b.label for b in message.card.buttons]


async def tick(hub: Hub, clock: FakeClock) -> list[Message]:
    """Run the scheduler once, as a freshly started process; return what it sent."""
    messenger = FakeMessenger("console")
    await JobRunner(hub.engine, clock, {"console": messenger}).tick()
    return [m for _, m in messenger.sent]


def event_of(message: Message) -> dict[str, object]:
    """The UID, SEQUENCE and start of a message's calendar invite."""
    [attachment] = message.card.files
    [event] = Calendar.from_ical(attachment.data).walk("VEVENT")
    return {
        "uid": str(event["uid"]),
        "sequence": int(event.get("sequence", 0)),
        "start": event.decoded("dtstart"),
    }
