"""Members using PrepLoop while the bot processes run; every action goes through the real Hub.

Each member, in turn, asks for a mock partner once a mock round's card shows in their channel
(by its Join button, or `/mock request`), answers the day's question, writes STAR stories and
reviews other members' stories. An action is logged once the hub has returned its success reply,
the acknowledgement the member sees (the hub returns after the commit). Messages such a reply
sends to others (a partner's pairing, an author's review notice) are delivered by the member's
process, as an adapter would, and logged as "delivered" with `via` naming the action.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.app.hub import OOPS, Hub
from bot.core.actors import Actor
from bot.core.cards import Button, Reply, Visibility, plain
from bot.core.clock import Clock
from bot.features.mock.store.time_table import MockTime
from bot.features.mock.tables import MockSeat
from bot.storage.tables import Community, Member
from tests.features.story.flow import COMMENTS, GOOD
from tests.reliability.fake_platform import JOIN, Channels, Log, shown

ROUND = "phone_screen"  # the round of the test sprint's first Saturday
STORIES_EACH = 2
# An honest writer's stories: a new principle each time, so each one earns its points.
STORY_PRINCIPLES = ("ownership", "dive-deep")
SCORES = "3 4 3 4 3"
PAIRED, IN_ROUND, QUEUED = "paired", "round", "queued"  # what a mock request was told


@dataclass
class Person:
    """A member and what they have done so far."""

    community: str
    channel: str
    user: str
    mock: str  # how they ask for a mock partner: "join" (the round card's button) or "request"
    answered: set[str] = field(default_factory=set)  # the posts they answered
    stories: int = 0
    asked_for_mock: bool = False
    accepted: set[str] = field(default_factory=set)  # the proposed times they accepted

    @property
    def actor(self) -> Actor:
        name = self.user.title()
        return Actor("console", self.community, self.user, name, channel_id=self.channel)

    def text(self) -> str:
        return f"{self.community}:{self.channel}:{self.user}:{self.mock}"


def people_text(people: Sequence[Person]) -> str:
    """Write people as one command-line value."""
    return ",".join(person.text() for person in people)


def read_people(text: str) -> list[Person]:
    """Read the people a command-line value names."""
    people = []
    for item in filter(None, text.split(",")):
        community, channel, user, mock = item.split(":")
        people.append(Person(community, channel, user, mock))
    return people


class Traffic:
    """One process's members, acting one after the other."""

    def __init__(self, hub: Hub, clock: Clock, log: Log, channels: Channels) -> None:
        self.hub, self.clock, self.log, self.channels = hub, clock, log, channels

    def run(self, people: Sequence[Person], until: datetime, pause: float) -> None:
        """Let member after member take a step until the simulated clock passes `until`."""
        turn = 0
        while self.clock.now() < until:
            self.step(people[turn % len(people)])
            turn += 1
            time.sleep(pause)

    def step(self, person: Person) -> None:
        """Do the one thing this member would do next."""
        round_id = self.channels.open_round(person.community, person.channel)
        if round_id is not None and not person.asked_for_mock:
            self.ask_for_mock(person, round_id)
        elif self.accept_time(person):
            return
        elif not self.answer(person):
            if person.stories < STORIES_EACH:
                self.write_story(person)
            else:
                self.review(person)

    def answer(self, person: Person) -> bool:
        """Answer today's question unless done already; return whether there was one to answer."""
        shown_today = self._heard(person, self.hub.command_text(person.actor, "question", ""))
        button = _button(shown_today, "Answer")
        if button is None or button.value in person.answered:
            return False
        text = f"{person.user} on post {button.value}: a hash map from value to index."
        reply = self._form(person, button, {"answer": text})
        if _titled(reply, "your answer."):
            person.answered.add(button.value)
            bonus = _number(r"\+(\d+) streak bonus", reply)
            post = int(button.value)
            self._acknowledged("answered", person, reply, post=post, text=text, bonus=bonus)
        return True

    def ask_for_mock(self, person: Person, round_id: str) -> None:
        """Join the open round by its card's button, or ask with `/mock request`."""
        if person.mock == "join":
            reply = self.hub.press(person.actor, JOIN, round_id)
        else:
            reply = self.hub.command_text(person.actor, "mock", f"request round:{ROUND}")
        told = _told(self._heard(person, reply))
        if told is None:  # refused, e.g. the round closed in between: nothing was promised
            return
        person.asked_for_mock = True
        self._deliver(person, reply, "mock")
        self._acknowledged("mock", person, reply, how=person.mock, told=told, round=int(round_id))

    def accept_time(self, person: Person) -> bool:
        """Press Accept on the member's pairing, as its direct message offers; False if none."""
        value = accept_value(self.hub.engine, person)
        if value is None or value in person.accepted:
            return False
        person.accepted.add(value)
        self._heard(person, self.hub.press(person.actor, "mock.accept", value))
        return True

    def write_story(self, person: Person) -> None:
        """Write a complete STAR story through `/story new` and its form."""
        principle = STORY_PRINCIPLES[person.stories % len(STORY_PRINCIPLES)]
        opened = self.hub.command_text(person.actor, "story", f"new principle:{principle}")
        opened = self._heard(person, opened)
        title = f"{person.user} story {person.stories + 1}"
        reply = self._submit(person, opened, {**GOOD, "title": title})
        edit = _button(reply, "Edit")
        if _titled(reply, "Story #") and edit is not None:
            person.stories += 1
            story = int(edit.value)
            self._acknowledged("story", person, reply, story=story, title=title, lp=principle)

    def review(self, person: Person) -> None:
        """Ask for a story to review and send the rubric form for it."""
        handed = self._heard(person, self.hub.command_text(person.actor, "story", "review"))
        take = _button(handed, "Take it")
        if take is not None:  # offered by its title: take it to read it
            handed = self._heard(person, self.hub.press(person.actor, take.action, take.value))
        button = _button(handed, "Write review")
        if button is None:  # nothing is waiting for this member's review
            return
        reply = self._form(person, button, {"scores": SCORES, "comments": COMMENTS})
        if _titled(reply, "Thanks! Your review of"):
            self._deliver(person, reply, "review")
            self._acknowledged("reviewed", person, reply, story=int(button.value))

    def _form(self, person: Person, button: Button, fields: dict[str, str]) -> Reply:
        opened = self._heard(person, self.hub.press(person.actor, button.action, button.value))
        return self._submit(person, opened, fields)

    def _submit(self, person: Person, opened: Reply, fields: dict[str, str]) -> Reply:
        if opened.modal is None:
            return Reply()
        modal = opened.modal
        return self._heard(person, self.hub.submit(person.actor, modal.action, modal.value, fields))

    def _heard(self, person: Person, reply: Reply) -> Reply:
        """Pass a reply on; log it when it told the member that something went wrong."""
        if any(plain(m.card.text) == OOPS for m in reply.messages):
            self.log.write("oops", community=person.community, member=person.user)
        return reply

    def _acknowledged(self, event: str, person: Person, reply: Reply, **fields: object) -> None:
        """Log what the member was told, with the points the reply said they earned."""
        where = {"community": person.community, "member": person.user}
        points = _number(r"\+(\d+) points", reply)
        self.log.write(event, **where, sim=self.clock.now().isoformat(), points=points, **fields)

    def _deliver(self, person: Person, reply: Reply, via: str) -> None:
        """Send what the reply posts for others, as the member's platform adapter would."""
        for message in reply.messages:
            if message.visibility is not Visibility.EPHEMERAL:
                where = {"community_ref": person.community, "via": via}
                self.log.write("delivered", **where, **shown(message), by=person.user)


def accept_value(engine: Engine, person: Person) -> str | None:
    """The Accept button's value of the time proposed to the member, if they have one."""
    with Session(engine) as session:
        found = session.exec(
            select(MockTime)
            .join(MockSeat, col(MockSeat.pairing_id) == col(MockTime.pairing_id))
            .join(Member, col(Member.id) == col(MockSeat.member_id))
            .join(Community, col(Community.id) == col(Member.community_id))
            .where(
                Community.external_id == person.community,
                Member.external_id == person.user,
                MockSeat.status == "active",
                MockTime.status == "proposed",
            )
        ).first()
    if found is None:
        return None
    start = found.starts_at if found.starts_at.tzinfo else found.starts_at.replace(tzinfo=UTC)
    return f"{found.pairing_id}:{int(start.timestamp())}"


def _told(reply: Reply) -> str | None:
    """What a mock request was promised: a partner now, a place in the round, or the queue."""
    said = "\n".join(plain(m.card.title) + "\n" + plain(m.card.text) for m in reply.messages)
    if "You have a partner!" in said:
        return PAIRED
    if "See you there!" in said or "you are part of it" in said:
        return IN_ROUND
    if "You are in the mock queue." in said or "Updated your mock request." in said:
        return QUEUED
    return None  # refused


def _button(reply: Reply, label: str) -> Button | None:
    return next((b for m in reply.messages for b in m.card.buttons if b.label == label), None)


def _titled(reply: Reply, words: str) -> bool:
    return any(words in plain(m.card.title) for m in reply.messages)


def _number(pattern: str, reply: Reply) -> int:
    """Add up the numbers a pattern finds in the reply's titles, texts and footers."""
    cards = [m.card for m in reply.messages]
    said = [plain(part) for card in cards for part in (card.title, card.text, card.footer)]
    return sum(int(found) for text in said for found in re.findall(pattern, text))
