"""Queries of the mock feature; every one is scoped to one community."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from bot.core.mock_plan import OddPolicy
from bot.core.mock_rules import DEFAULT_ROLES
from bot.features.daily.tables import Answer, DailyPost
from bot.features.mock.tables import (
    MockPairing,
    MockProfile,
    MockRequest,
    MockRound,
    MockSeat,
    MockSettings,
)
from bot.storage.tables import Community, Member

RECENT_PAIRINGS = 3


def roles_of(session: Session, community_id: int) -> tuple[str, ...]:
    """Return the community's target roles (the default four until an admin sets them)."""
    found = settings_of(session, community_id)
    return tuple(found.roles) if found and found.roles else DEFAULT_ROLES


def odd_policy_of(session: Session, community_id: int) -> OddPolicy:
    """Return what the community does with an odd member out: a trio, or first priority."""
    found = settings_of(session, community_id)
    return "wait" if found and found.odd_policy == "wait" else "trio"


def settings_of(session: Session, community_id: int) -> MockSettings | None:
    return session.exec(
        select(MockSettings).where(MockSettings.community_id == community_id)
    ).first()


def profile_of(session: Session, community_id: int, member_id: int) -> MockProfile | None:
    query = select(MockProfile).where(
        MockProfile.community_id == community_id, MockProfile.member_id == member_id
    )
    return session.exec(query).first()


def member_in(session: Session, community_id: int, member_id: int) -> Member:
    """Return a member of this community (they exist: every id here came from this community)."""
    member = session.get(Member, member_id)
    assert member is not None and member.community_id == community_id
    return member


def timezone_of(member: Member, community: Community) -> str:
    """Return the member's time zone, or the community's when they have not set one."""
    return member.timezone or community.timezone


def waiting_request_of(session: Session, community_id: int, member_id: int) -> MockRequest | None:
    query = select(MockRequest).where(
        MockRequest.community_id == community_id,
        MockRequest.member_id == member_id,
        MockRequest.status == "waiting",
    )
    return session.exec(query).first()


def waiting_requests(session: Session, community_id: int) -> list[MockRequest]:
    """Every waiting request of the community, oldest first."""
    query = (
        select(MockRequest)
        .where(MockRequest.community_id == community_id, MockRequest.status == "waiting")
        .order_by(col(MockRequest.waiting_since), col(MockRequest.id))
    )
    return list(session.exec(query))


def active_seat_of(
    session: Session, community_id: int, member_id: int
) -> tuple[MockSeat, MockPairing] | None:
    """Return the member's seat in a pairing still waiting for them, if any."""
    query = (
        select(MockSeat, MockPairing)
        .join(MockPairing, col(MockPairing.id) == col(MockSeat.pairing_id))
        .where(
            MockSeat.community_id == community_id,
            MockSeat.member_id == member_id,
            MockSeat.status == "active",
            MockPairing.status == "scheduled",
        )
        .order_by(col(MockPairing.id).desc())
        .limit(1)
    )
    found = session.exec(query).first()
    return (found[0], found[1]) if found else None


def seats_of(session: Session, community_id: int, pairing_id: int) -> list[MockSeat]:
    """Every seat of a pairing, in interview order."""
    query = (
        select(MockSeat)
        .where(MockSeat.community_id == community_id, MockSeat.pairing_id == pairing_id)
        .order_by(col(MockSeat.position))
    )
    return list(session.exec(query))


def pairing_in(session: Session, community_id: int, pairing_id: int) -> MockPairing | None:
    pairing = session.get(MockPairing, pairing_id)
    return pairing if pairing and pairing.community_id == community_id else None


def round_in(session: Session, community_id: int, round_id: int) -> MockRound | None:
    found = session.get(MockRound, round_id)
    return found if found and found.community_id == community_id else None


def open_rounds(session: Session, community_id: int) -> list[MockRound]:
    query = (
        select(MockRound)
        .where(MockRound.community_id == community_id, MockRound.status == "open")
        .order_by(col(MockRound.closes_at), col(MockRound.id))
    )
    return list(session.exec(query))


def recent_partners(
    session: Session, community_id: int, member_ids: Iterable[int]
) -> dict[int, frozenset[int]]:
    """Return, for each member, the partners of their last three pairings."""
    wanted = set(member_ids)
    query = (
        select(MockSeat.member_id, MockSeat.interviews_member_id, MockSeat.pairing_id)
        .where(MockSeat.community_id == community_id, col(MockSeat.member_id).in_(wanted))
        .order_by(col(MockSeat.pairing_id).desc())
    )
    pairings: dict[int, list[int]] = {}
    partners: dict[int, set[int]] = {}
    for member_id, other_id, pairing_id in session.exec(query):
        seen = pairings.setdefault(member_id, [])
        if pairing_id not in seen:
            if len(seen) >= RECENT_PAIRINGS:
                continue
            seen.append(pairing_id)
        partners.setdefault(member_id, set()).add(other_id)
    _add_reverse(session, community_id, pairings, partners)
    return {m: frozenset(partners.get(m, set())) for m in wanted}


def _add_reverse(
    session: Session,
    community_id: int,
    pairings: dict[int, list[int]],
    partners: dict[int, set[int]],
) -> None:
    """Add who interviewed each member in those pairings (a trio partner they did not ask)."""
    ids = {p for items in pairings.values() for p in items}
    query = select(MockSeat.member_id, MockSeat.interviews_member_id, MockSeat.pairing_id).where(
        MockSeat.community_id == community_id, col(MockSeat.pairing_id).in_(ids)
    )
    for member_id, other_id, pairing_id in session.exec(query):
        if pairing_id in pairings.get(other_id, []):
            partners.setdefault(other_id, set()).add(member_id)


def no_shows_since(
    session: Session, community_id: int, member_ids: Iterable[int], since: datetime
) -> dict[int, int]:
    """Count each member's no-shows in pairings made since a moment."""
    query = (
        select(MockSeat.member_id)
        .join(MockPairing, col(MockPairing.id) == col(MockSeat.pairing_id))
        .where(
            MockSeat.community_id == community_id,
            MockSeat.status == "noshow",
            col(MockSeat.member_id).in_(set(member_ids)),
            col(MockPairing.created_at) >= since,
        )
    )
    counts: dict[int, int] = {}
    for member_id in session.exec(query):
        counts[member_id] = counts.get(member_id, 0) + 1
    return counts


def seen_questions(session: Session, community_id: int, member_id: int) -> set[str]:
    """Questions a member has met: asked of them or held in a packet, or answered as a daily."""
    seats = select(MockSeat.question_id, MockSeat.member_id).where(
        MockSeat.community_id == community_id,
        (col(MockSeat.member_id) == member_id) | (col(MockSeat.interviews_member_id) == member_id),
    )
    seen = {qid for qid, _ in session.exec(seats) if qid}
    answered = (
        select(DailyPost.question_id)
        .join(Answer, col(Answer.post_id) == col(DailyPost.id))
        .where(DailyPost.community_id == community_id, Answer.member_id == member_id)
    )
    seen.update(session.exec(answered))
    return seen


def has_role_peer(session: Session, community_id: int, member_id: int, role: str) -> bool:
    """Say whether anyone else in the community has this target role."""
    query = select(MockProfile.id).where(
        MockProfile.community_id == community_id,
        MockProfile.role == role,
        MockProfile.member_id != member_id,
    )
    return session.exec(query).first() is not None
