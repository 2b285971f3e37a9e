"""What the simulated members can see: the channel's posts and each member's own messages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.cards import Button, Card, Message, Reply, Visibility, plain
from bot.core.clock import Clock
from bot.core.ports import Messenger


def card_text(card: Card) -> str:
    """Everything a card shows, as plain text."""
    lines = [plain(card.title), plain(card.text)]
    lines += [f"{plain(f.name)}: {plain(f.value)}" for f in card.fields]
    lines += [plain(card.footer), *(b.label for b in card.buttons)]
    return "\n".join(line for line in lines if line)


def reply_text(reply: Reply) -> str:
    return "\n".join(card_text(m.card) for m in reply.messages)


def cards_of(reply: Reply) -> list[Card]:
    return [m.card for m in reply.messages]


def find_button(cards: Iterable[Card], label: str) -> Button | None:
    """The last button with this label (or starting with it) among the cards."""
    found = None
    for card in cards:
        for button in card.buttons:
            if button.label == label or button.label.startswith(label):
                found = button
    return found


@dataclass(frozen=True)
class Seen:
    """A message as it reached the channel or a member, and when."""

    at: datetime
    message: Message
    scheduled: bool  # delivered by the scheduler (not a reply to someone's command)


@dataclass
class World:
    """The channel every member reads, and each member's direct messages and private replies."""

    channel: list[Seen] = field(default_factory=list)
    inbox: dict[str, list[Seen]] = field(default_factory=dict)

    def deliver(self, at: datetime, message: Message, *, scheduled: bool, to: str = "") -> None:
        """Put a message where it lands: the channel, a DM, or the private reply to `to`."""
        seen = Seen(at, message, scheduled)
        if message.visibility is Visibility.CHANNEL:
            self.channel.append(seen)
        elif message.visibility is Visibility.DIRECT and message.to_member:
            self.inbox.setdefault(message.to_member, []).append(seen)
        elif to:
            self.inbox.setdefault(to, []).append(seen)

    def hear(self, at: datetime, user: str, reply: Reply) -> Reply:
        """Deliver what a member's command returned, as the platform adapter would."""
        for message in reply.messages:
            self.deliver(at, message, scheduled=False, to=user)
        return reply

    def dms(self, user: str, since: datetime | None = None) -> list[Seen]:
        """A member's direct messages (not their private replies), oldest first."""
        return [
            s
            for s in self.inbox.get(user, [])
            if s.message.visibility is Visibility.DIRECT and (since is None or s.at >= since)
        ]


class WorldMessenger(Messenger):
    """The platform the scheduler delivers to: every message lands in the world."""

    platform = "console"

    def __init__(self, world: World, clock: Clock) -> None:
        self.world, self.clock = world, clock
        self.sent = 0

    async def post(self, community_id: str, message: Message) -> str:
        self.sent += 1
        self.world.deliver(self.clock.now(), message, scheduled=True)
        return f"msg-{self.sent}"
