"""Match waiting requests: on the spot when a partner waits, and put members back in the queue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from bot.core.cards import Card, Message, Text, Visibility
from bot.core.matching import Seeker, best_fallback, best_partner, next_fallback
from bot.core.mock_availability import DEFAULT_AVAILABILITY, week_start
from bot.core.mock_rules import RuleError, level_index
from bot.core.words import plural
from bot.features.mock.pairing import Scope, availability_text, pair_members, slots_for
from bot.features.mock.store import timezone_of
from bot.features.mock.tables import MockPairing, MockRequest, MockSeat

NO_SHOW_MEMORY = timedelta(days=60)
Pool = tuple[Seeker | None, list[Seeker]]
SLOT_MEMORY = 4096  # availability texts whose week's slots are remembered (cleared when full)
_SLOTS: dict[tuple[str, str, datetime], int] = {}
# The pool a request was just matched against without a partner, kept (in its unit of work's
# store) for the fallback estimate `/mock request` shows next: read once, not twice.
_UNMATCHED: WeakKeyDictionary[object, tuple[object, Pool]] = WeakKeyDictionary()


def seekers_for(scope: Scope, requests: Sequence[MockRequest]) -> dict[int, Seeker]:
    """Describe requests for the matcher, by request id; paused members are left out."""
    ids = {r.member_id for r in requests}
    store, now = scope.store, scope.clock.now()
    profiles, members = store.profiles(ids), store.members(ids)
    recent = store.recent_partners(ids)
    no_shows = store.no_shows_since(ids, now - NO_SHOW_MEMORY)
    origin = week_start(now)
    found: dict[int, Seeker] = {}
    for request in requests:
        profile, member = profiles.get(request.member_id), members.get(request.member_id)
        if profile is None or member is None or profile.paused or request.id is None:
            continue
        tz = timezone_of(member, scope.community)
        found[request.id] = Seeker(
            key=request.id,
            member=request.member_id,
            role=profile.role,
            level=level_index(profile.level),
            round=request.round,
            slots=_slots(availability_text(request, profile), tz, origin),
            waited_hours=(now - request.waiting_since).total_seconds() / 3600,
            no_shows=no_shows.get(request.member_id, 0),
            priority=request.priority,
            recent=recent.get(request.member_id, frozenset()),
        )
    return found


def _slots(text: str, tz: str, origin: datetime) -> int:
    """The week's slots of availability text, falling back to the default for old text.

    Remembered by text, zone and week (members share a handful of texts): matching a new
    request against thousands waiting parses each text once, not once per request.
    """
    key = (text, tz, origin)
    found = _SLOTS.get(key)
    if found is None:
        try:
            found = slots_for(text, tz, origin)
        except RuleError:  # text saved before a rule changed: fall back, never fail a round
            found = slots_for(DEFAULT_AVAILABILITY, tz, origin)
        if len(_SLOTS) >= SLOT_MEMORY:
            _SLOTS.clear()
        _SLOTS[key] = found
    return found


def _pool(scope: Scope, request: MockRequest) -> Pool:
    """The new request as the matcher sees it, and those it may pair with now.

    The waiting requests of its target role (no other role is ever paired with it), not its
    own, not held for an open round, read as plain columns.
    """
    new = seekers_for(scope, [request]).get(request.id or -1)
    if new is None:
        return None, []
    held = {r.id for r in scope.store.open_rounds()}
    rows = [
        w
        for w in scope.store.waiting_in_role(new.role, request.member_id)
        if w.mock_round_id not in held
    ]
    now = scope.clock.now()
    recalls = _recalling(scope, new.member)
    # The community's no-shows of the last 60 days: a few rows, where an IN list of every
    # waiting member costs more to build than to run.
    no_shows = scope.store.no_shows_since(None, now - NO_SHOW_MEMORY) if rows else {}
    origin = week_start(now)
    others = [
        Seeker(
            key=w.id,
            member=w.member_id,
            role=new.role,
            level=level_index(w.level),
            round=w.round,
            slots=_slots(
                w.window or w.availability or DEFAULT_AVAILABILITY,
                w.timezone or scope.community.timezone,
                origin,
            ),
            waited_hours=(now - w.waiting_since).total_seconds() / 3600,
            no_shows=no_shows.get(w.member_id, 0),
            priority=w.priority,
            recent=frozenset({new.member}) if w.member_id in recalls else frozenset(),
        )
        for w in rows
    ]
    return new, others


def _as_asked(request: MockRequest) -> object:
    """What a kept pool was read for: the request as it stood then."""
    return (request.id, request.round, request.window, request.updated_at, request.mock_round_id)


def _recalling(scope: Scope, member_id: int) -> frozenset[int]:
    """Those who have this member among the partners of their last three pairings.

    The others' Seekers are only ever weighed against the new request, so each one's `recent`
    needs only to say whether the new member is in it; asking it of the few who were ever
    paired with the new member weighs every pair exactly as everyone's full sets would.
    """
    partners = scope.store.partners_ever(member_id)
    if not partners:
        return frozenset()
    recent = scope.store.recent_partners(partners)
    return frozenset(m for m, theirs in recent.items() if member_id in theirs)


def wait_limit(scope: Scope) -> int:
    """Hours a request waits for someone new before a past partner or other hours will do."""
    return scope.store.wait_hours()


def round_to_join(scope: Scope, request: MockRequest) -> int | None:
    """The open round a request belongs to: the one it joined, else the first to close."""
    rounds = [r.id for r in scope.store.open_rounds()]
    if request.mock_round_id in rounds:
        return request.mock_round_id
    return rounds[0] if rounds else None


def try_instant(scope: Scope, request: MockRequest) -> list[Message]:
    """Pair a request with someone new who shares hours, or anyone of its role after the limit.

    The limit counts for either of the two. Never while a round is open: every request then
    belongs to it and is paired when it closes.
    """
    if round_to_join(scope, request) is not None:
        return []
    new, others = pool = _pool(scope, request)
    partner, why = (best_partner(new, others), "") if new is not None else (None, "")
    if new is not None and partner is None:
        partner, why = best_fallback(new, others, wait_limit(scope)), _fallback_why(scope)
    if new is None or partner is None:
        _UNMATCHED[scope.store] = (_as_asked(request), pool)
        return []
    _UNMATCHED.pop(scope.store, None)
    other = scope.store.request(partner.key)
    assert other is not None
    # Whoever waited longer is interviewed first (the last in the cycle interviews the first).
    order = sorted([request, other], key=lambda r: (r.waiting_since, r.id or 0), reverse=True)
    return pair_members(scope, order, why=why)


def _fallback_why(scope: Scope) -> str:
    limit = plural(wait_limit(scope), "hour")
    return (
        f"\nOne of you had waited {limit} for someone new, so I paired you even though you "
        "were paired before or your weekly hours do not overlap."
    )


@dataclass(frozen=True)
class Fallback:
    """When a waiting request will be paired anyway if nobody new asks, and with whom."""

    at: datetime
    past_partner: bool


def fallback_of(scope: Scope, request: MockRequest) -> Fallback | None:
    """Say when, if nobody new asks, a waiting request is paired with someone already waiting."""
    kept = _UNMATCHED.pop(scope.store, None)
    new, others = (
        kept[1] if kept is not None and kept[0] == _as_asked(request) else _pool(scope, request)
    )
    if new is None:
        return None
    found = next_fallback(new, others, wait_limit(scope))
    if found is None:
        return None
    hours, partner = found
    return Fallback(
        _next_minute(scope.clock.now() + timedelta(hours=hours)), partner.member in new.recent
    )


def _next_minute(moment: datetime) -> datetime:
    """Round up to the minute: the scheduler looks every minute, so "by 10:00" stays true."""
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + timedelta(minutes=1)


def requeue(scope: Scope, member_id: int, round_id: str, why: Text) -> list[Message]:
    """Put a member back in the queue with first priority, tell them, and try to pair them now."""
    member = scope.store.member_or_none(member_id)
    if member is None:
        return []
    request = scope.store.waiting_request(member_id)
    now = scope.clock.now()
    if request is None:
        request = MockRequest(
            community_id=scope.community_id,
            member_id=member_id,
            round=round_id,
            waiting_since=now,
        )
        scope.store.add(request)
    request.priority, request.updated_at = True, now
    request.mock_round_id = round_to_join(scope, request)
    scope.store.flush()
    told = Card(
        title="Back in the mock queue, first in line",
        text=why,
        footer="`/mock status` shows where you are · `/mock cancel` leaves the queue",
    )
    notice = Message(told, Visibility.DIRECT, to_member=member.external_id)
    return [notice, *try_instant(scope, request)]


def asked_round(seats: Sequence[MockSeat], member_id: int, fallback: str) -> str:
    """Return the round a member is interviewed on in a pairing."""
    return next((s.round for s in seats if s.interviews_member_id == member_id), fallback)


def dissolve(
    scope: Scope, pairing: MockPairing, leaver_id: int, leaver_status: str, why: Text
) -> list[Message]:
    """End a pairing one member leaves; everyone still active goes back to the queue, told why."""
    assert pairing.id is not None
    seats = scope.store.seats(pairing.id)
    pairing.status = "noshow" if leaver_status == "noshow" else "cancelled"
    pairing.closed_at = scope.clock.now()
    messages: list[Message] = []
    for seat in seats:
        if seat.member_id == leaver_id:
            seat.status = leaver_status
        elif seat.status == "active":
            seat.status = "cancelled"
            round_id = asked_round(seats, seat.member_id, seat.round)
            messages += requeue(scope, seat.member_id, round_id, why)
    return messages
