"""Turn matched requests into a pairing: seats, questions, a proposed time, private messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.cards import Card, Message, Visibility
from bot.core.clock import Clock, seeded
from bot.core.mock_availability import (
    DEFAULT_AVAILABILITY,
    parse_availability,
    propose_time,
    week_slots,
    week_start,
)
from bot.core.mock_plan import interview_order
from bot.core.vocabulary import ROUND_CATEGORIES
from bot.features.mock.cards import Person, announcement, packet
from bot.features.mock.store import MockStore, timezone_of
from bot.features.mock.tables import MockPairing, MockProfile, MockRequest, MockSeat
from bot.features.mock.time_offer import open_offer
from bot.storage.tables import Community, Question

LEAD = timedelta(hours=4)
FALLBACK_HOUR = 18


@dataclass
class Scope:
    """Where a mock step runs: the community's mock store, the clock and the community."""

    store: MockStore
    clock: Clock
    community: Community

    @property
    def community_id(self) -> int:
        return self.store.community_id


def availability_text(request: MockRequest | None, profile: MockProfile) -> str:
    """The hours that count for a request: its own window, else the profile's, else the default."""
    if request is not None and request.window:
        return request.window
    return profile.availability or DEFAULT_AVAILABILITY


def slots_for(text: str, tz: str, origin: datetime) -> int:
    """Return the UTC half-hour slots of the week covered by availability text in a time zone."""
    return week_slots(parse_availability(text), tz, origin)


def person_of(scope: Scope, request: MockRequest) -> tuple[Person, int]:
    """Return the member behind a request as cards show them, and their slots this week."""
    member = scope.store.member(request.member_id)
    profile = scope.store.profile(request.member_id)
    assert profile is not None and member.id is not None
    tz = timezone_of(member, scope.community)
    name = member.display_name or member.external_id
    person = Person(member.id, member.external_id, name, tz, request.round, profile.level)
    origin = week_start(scope.clock.now())
    return person, slots_for(availability_text(request, profile), tz, origin)


def pair_members(
    scope: Scope, requests: list[MockRequest], mock_round_id: int | None = None, why: str = ""
) -> list[Message]:
    """Make a pairing of two or three requests, in interview order; return the private messages.

    `why` tells both members, when it is not the obvious, why this partner.
    """
    found = [person_of(scope, request) for request in requests]
    cycle = [person for person, _ in found]
    start, shared = _proposed(scope, [slots for _, slots in found])
    pairing = MockPairing(
        community_id=scope.community_id,
        mock_round_id=mock_round_id,
        proposed_at=start,
        created_at=scope.clock.now(),
    )
    scope.store.add(pairing)
    scope.store.flush()
    assert pairing.id is not None
    questions = _questions(scope, pairing.id, cycle)
    answer_by = open_offer(scope.store, pairing.id, start, scope.clock.now())
    messages: list[Message] = []
    for position, (asker, target) in enumerate(interview_order(range(len(cycle)))):
        question = questions[target]
        _seat(scope, pairing.id, position, cycle[asker], cycle[target], question)
        card = announcement(pairing.id, cycle[asker], cycle, start, shared, why, answer_by)
        messages.append(_direct(cycle[asker], card))
        messages.append(_direct(cycle[asker], packet(cycle[target], question)))
    for request in requests:
        request.status, request.pairing_id = "matched", pairing.id
        request.updated_at = scope.clock.now()
    return messages


def _direct(person: Person, card: Card) -> Message:
    return Message(card, Visibility.DIRECT, to_member=person.external_id)


def _seat(
    scope: Scope,
    pairing_id: int,
    position: int,
    asker: Person,
    target: Person,
    question: Question | None,
) -> None:
    seat = MockSeat(
        pairing_id=pairing_id,
        community_id=scope.community_id,
        member_id=asker.member_id,
        interviews_member_id=target.member_id,
        position=position,
        round=target.round,
        question_id=question.id if question else None,
    )
    scope.store.add(seat)


def _proposed(scope: Scope, slots: list[int]) -> tuple[datetime, bool]:
    """The earliest hour everyone shares; else one that suits the first member; else 18:00 UTC."""
    now = scope.clock.now()
    common = slots[0]
    for mask in slots[1:]:
        common &= mask
    start = propose_time(common, now, LEAD)
    if start is not None:
        return start, True
    start = propose_time(slots[0], now, LEAD)
    if start is None:
        day = (now + timedelta(days=1)).replace(hour=FALLBACK_HOUR, minute=0, second=0)
        start = day.replace(microsecond=0)
    return start, False


def _questions(scope: Scope, pairing_id: int, cycle: list[Person]) -> dict[int, Question | None]:
    """Pick, for each member, a question of their round and level they have never seen."""
    wanted = {c for person in cycle for c in ROUND_CATEGORIES.get(person.round, ())}
    pool = scope.store.live_questions(wanted)
    chosen: dict[int, Question | None] = {}
    taken: set[str] = set()
    for index, person in enumerate(cycle):
        seen = scope.store.seen_questions(person.member_id)
        question = pick_for(pool, person.round, person.level, seen, taken, (pairing_id, index))
        chosen[index] = question
        if question is not None:
            taken.add(question.id)
    return chosen


def pick_for(
    pool: list[Question],
    round_id: str,
    level: str,
    seen: set[str],
    taken: set[str],
    seed: object,
) -> Question | None:
    """Choose an unseen question of the round and its categories, the level's and best first.

    None when the round has none left that the partner has not met: never another round's.
    """
    categories = ROUND_CATEGORIES.get(round_id, ())
    fits = [
        q
        for q in pool
        if round_id in q.data.get("rounds", [])
        and q.category in categories
        and q.id not in taken | seen
    ]
    first = [q for q in fits if q.category == categories[0]]
    tiers = (_of_level(first, level), first, _of_level(fits, level), fits)
    rng = seeded("mock-question", seed)
    for tier in tiers:
        if tier:
            return rng.choice(sorted(tier, key=lambda q: q.id))
    return None


def _of_level(questions: list[Question], level: str) -> list[Question]:
    return [q for q in questions if level in q.data.get("levels", [])]
