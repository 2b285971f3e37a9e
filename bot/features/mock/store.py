"""Queries of the mock feature: `MockStore` for one community, finders' queries across them.

Every method of `MockStore` is scoped to the community it was built for; the module functions
at the end look across communities for the scheduler's finders.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, col, func, select

from bot.app.context import Ctx
from bot.core.actors import Actor
from bot.core.clock import Clock
from bot.core.mock_plan import OddPolicy
from bot.core.mock_rules import DEFAULT_ROLES, stale_since
from bot.core.points import Reason
from bot.features.daily.tables import Answer, DailyPost
from bot.features.leaderboard.ledger import award
from bot.features.mock.tables import (
    MockFeedback,
    MockNoShow,
    MockPairing,
    MockProfile,
    MockRequest,
    MockRound,
    MockSeat,
    MockSettings,
)
from bot.features.sprints.tables import Sprint
from bot.storage.tables import Community, Member, Question
from bot.storage.uow import Session

RECENT_PAIRINGS = 3
DEFAULT_WAIT_HOURS = 24


def timezone_of(member: Member, community: Community) -> str:
    """Return the member's time zone, or the community's when they have not set one."""
    return member.timezone or community.timezone


class MockStore:
    """The mock feature's rows of one community, read and written in one unit of work."""

    def __init__(self, session: Session, community_id: int) -> None:
        self._session = session
        self.community_id = community_id

    # -- writing --------------------------------------------------------------------------

    def add(self, row: SQLModel) -> None:
        """Keep a new row (settings, profile, request, pairing, seat, feedback or report)."""
        self._session.add(row)

    def flush(self) -> None:
        """Write pending changes now, so new rows get their ids."""
        self._session.flush()

    # -- members and settings -------------------------------------------------------------

    def community(self) -> Community | None:
        return self._session.get(Community, self.community_id)

    def member(self, member_id: int) -> Member:
        """A member of this community (they exist: every id here came from this community)."""
        member = self._session.get(Member, member_id)
        assert member is not None and member.community_id == self.community_id
        return member

    def member_or_none(self, member_id: int) -> Member | None:
        """A member of this community, or None when the id is not one of its members."""
        member = self._session.get(Member, member_id)
        return member if member is not None and member.community_id == self.community_id else None

    def members(self, member_ids: Iterable[int]) -> dict[int, Member]:
        """The members of this community among these ids, by id."""
        query = select(Member).where(
            Member.community_id == self.community_id, col(Member.id).in_(set(member_ids))
        )
        return {m.id: m for m in self._session.exec(query) if m.id is not None}

    def settings(self) -> MockSettings | None:
        query = select(MockSettings).where(MockSettings.community_id == self.community_id)
        return self._session.exec(query).first()

    def roles(self) -> tuple[str, ...]:
        """The community's target roles (the default four until an admin sets them)."""
        found = self.settings()
        return tuple(found.roles) if found and found.roles else DEFAULT_ROLES

    def odd_policy(self) -> OddPolicy:
        """What the community does with an odd member out: a trio, or first priority."""
        found = self.settings()
        return "wait" if found and found.odd_policy == "wait" else "trio"

    def wait_hours(self) -> int:
        """Hours a request waits for someone new before a past partner or other hours will do."""
        found = self.settings()
        return found.wait_hours if found is not None else DEFAULT_WAIT_HOURS

    def profile(self, member_id: int) -> MockProfile | None:
        query = select(MockProfile).where(
            MockProfile.community_id == self.community_id, MockProfile.member_id == member_id
        )
        return self._session.exec(query).first()

    def profiles(self, member_ids: Iterable[int]) -> dict[int, MockProfile]:
        """The profiles of these members, by member id."""
        query = select(MockProfile).where(
            MockProfile.community_id == self.community_id,
            col(MockProfile.member_id).in_(set(member_ids)),
        )
        return {p.member_id: p for p in self._session.exec(query)}

    def has_role_peer(self, member_id: int, role: str) -> bool:
        """Say whether anyone else in the community has this target role."""
        query = select(MockProfile.id).where(
            MockProfile.community_id == self.community_id,
            MockProfile.role == role,
            MockProfile.member_id != member_id,
        )
        return self._session.exec(query).first() is not None

    def drop_profile(self, member_id: int) -> bool:
        """Delete a member's profile; say whether there was one."""
        result = self._session.execute(
            delete(MockProfile).where(
                col(MockProfile.community_id) == self.community_id,
                col(MockProfile.member_id) == member_id,
            )
        )
        return bool(getattr(result, "rowcount", 0))

    # -- requests -------------------------------------------------------------------------

    def request(self, request_id: int) -> MockRequest | None:
        found = self._session.get(MockRequest, request_id)
        return found if found is not None and found.community_id == self.community_id else None

    def waiting_request(self, member_id: int) -> MockRequest | None:
        query = select(MockRequest).where(
            MockRequest.community_id == self.community_id,
            MockRequest.member_id == member_id,
            MockRequest.status == "waiting",
        )
        return self._session.exec(query).first()

    def waiting_requests(self) -> list[MockRequest]:
        """Every waiting request of the community, oldest first."""
        query = (
            select(MockRequest)
            .where(MockRequest.community_id == self.community_id, MockRequest.status == "waiting")
            .order_by(col(MockRequest.waiting_since), col(MockRequest.id))
        )
        return list(self._session.exec(query))

    def clear_windows(self, member_id: int) -> None:
        """Forget the hours a member gave on every request they made."""
        self._session.execute(
            update(MockRequest)
            .where(
                col(MockRequest.community_id) == self.community_id,
                col(MockRequest.member_id) == member_id,
            )
            .values(window=None)
        )

    # -- pairings and seats ---------------------------------------------------------------

    def pairing(self, pairing_id: int) -> MockPairing | None:
        found = self._session.get(MockPairing, pairing_id)
        return found if found and found.community_id == self.community_id else None

    def active_seat(self, member_id: int) -> tuple[MockSeat, MockPairing] | None:
        """The member's seat in a pairing still waiting for them, if any."""
        query = (
            select(MockSeat, MockPairing)
            .join(MockPairing, col(MockPairing.id) == col(MockSeat.pairing_id))
            .where(
                MockSeat.community_id == self.community_id,
                MockSeat.member_id == member_id,
                MockSeat.status == "active",
                MockPairing.status == "scheduled",
            )
            .order_by(col(MockPairing.id).desc())
            .limit(1)
        )
        found = self._session.exec(query).first()
        return (found[0], found[1]) if found else None

    def seats(self, pairing_id: int) -> list[MockSeat]:
        """Every seat of a pairing, in interview order."""
        query = (
            select(MockSeat)
            .where(MockSeat.community_id == self.community_id, MockSeat.pairing_id == pairing_id)
            .order_by(col(MockSeat.position))
        )
        return list(self._session.exec(query))

    def recent_partners(self, member_ids: Iterable[int]) -> dict[int, frozenset[int]]:
        """For each member, the partners of their last three pairings."""
        wanted = set(member_ids)
        query = (
            select(MockSeat.member_id, MockSeat.interviews_member_id, MockSeat.pairing_id)
            .where(MockSeat.community_id == self.community_id, col(MockSeat.member_id).in_(wanted))
            .order_by(col(MockSeat.pairing_id).desc())
        )
        pairings: dict[int, list[int]] = {}
        partners: dict[int, set[int]] = {}
        for member_id, other_id, pairing_id in self._session.exec(query):
            seen = pairings.setdefault(member_id, [])
            if pairing_id not in seen:
                if len(seen) >= RECENT_PAIRINGS:
                    continue
                seen.append(pairing_id)
            partners.setdefault(member_id, set()).add(other_id)
        self._add_reverse(pairings, partners)
        return {m: frozenset(partners.get(m, set())) for m in wanted}

    def _add_reverse(self, pairings: dict[int, list[int]], partners: dict[int, set[int]]) -> None:
        """Add who interviewed each member in those pairings (a trio partner they did not ask)."""
        ids = {p for items in pairings.values() for p in items}
        query = select(
            MockSeat.member_id, MockSeat.interviews_member_id, MockSeat.pairing_id
        ).where(MockSeat.community_id == self.community_id, col(MockSeat.pairing_id).in_(ids))
        for member_id, other_id, pairing_id in self._session.exec(query):
            if pairing_id in pairings.get(other_id, []):
                partners.setdefault(other_id, set()).add(member_id)

    def no_shows_since(self, member_ids: Iterable[int], since: datetime) -> dict[int, int]:
        """Count each member's no-shows in pairings made since a moment."""
        query = (
            select(MockSeat.member_id)
            .join(MockPairing, col(MockPairing.id) == col(MockSeat.pairing_id))
            .where(
                MockSeat.community_id == self.community_id,
                MockSeat.status == "noshow",
                col(MockSeat.member_id).in_(set(member_ids)),
                col(MockPairing.created_at) >= since,
            )
        )
        counts: dict[int, int] = {}
        for member_id in self._session.exec(query):
            counts[member_id] = counts.get(member_id, 0) + 1
        return counts

    def live_questions(self) -> list[Question]:
        """Every question of the bank not retired (a packet's pool)."""
        query = select(Question).where(Question.retired == False)  # noqa: E712
        return list(self._session.exec(query))

    def seen_questions(self, member_id: int) -> set[str]:
        """Questions a member has met: asked of them or held in a packet, or answered as a daily."""
        seats = select(MockSeat.question_id, MockSeat.member_id).where(
            MockSeat.community_id == self.community_id,
            (col(MockSeat.member_id) == member_id)
            | (col(MockSeat.interviews_member_id) == member_id),
        )
        seen = {qid for qid, _ in self._session.exec(seats) if qid}
        answered = (
            select(DailyPost.question_id)
            .join(Answer, col(Answer.post_id) == col(DailyPost.id))
            .where(DailyPost.community_id == self.community_id, Answer.member_id == member_id)
        )
        seen.update(self._session.exec(answered))
        return seen

    # -- feedback -------------------------------------------------------------------------

    def feedback_from(self, pairing_id: int, member_id: int) -> MockFeedback | None:
        """The feedback a member gave in a pairing, if they gave any yet."""
        query = select(MockFeedback).where(
            MockFeedback.community_id == self.community_id,
            MockFeedback.pairing_id == pairing_id,
            MockFeedback.from_member_id == member_id,
        )
        return self._session.exec(query).first()

    def blank_feedback(self, member_id: int) -> int:
        """Blank the comments of feedback a member gave or received; return how many."""
        result = self._session.execute(
            update(MockFeedback)
            .where(
                col(MockFeedback.community_id) == self.community_id,
                or_(
                    col(MockFeedback.from_member_id) == member_id,
                    col(MockFeedback.to_member_id) == member_id,
                ),
            )
            .values(comment="")
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def award(self, clock: Clock, member: Member, reason: Reason, reference: str) -> int:
        """Give a member points for scheduled work done on their behalf; 0 if given before."""
        community = self.community()
        assert community is not None
        actor = Actor(community.platform, community.external_id, member.external_id)
        ctx = Ctx(self._session, actor, clock, community, member)
        return award(ctx, reason, reference, member_id=member.id)

    # -- no-show reports ------------------------------------------------------------------

    def report(self, report_id: int) -> MockNoShow | None:
        found = self._session.get(MockNoShow, report_id)
        return found if found is not None and found.community_id == self.community_id else None

    def pending_report_against(self, member_id: int, now: datetime) -> MockNoShow | None:
        """The latest report against a member that they may still dispute."""
        query = (
            select(MockNoShow)
            .where(
                MockNoShow.community_id == self.community_id,
                MockNoShow.absent_member_id == member_id,
                MockNoShow.status == "pending",
                col(MockNoShow.dispute_by) > now,
            )
            .order_by(col(MockNoShow.id).desc())
        )
        return self._session.exec(query).first()

    def set_absent_seat(self, report: MockNoShow, status: str) -> None:
        """Set the status of the seat of the member a report is about."""
        query = select(MockSeat).where(
            MockSeat.community_id == self.community_id,
            MockSeat.pairing_id == report.pairing_id,
            MockSeat.member_id == report.absent_member_id,
        )
        for seat in self._session.exec(query):
            seat.status = status

    # -- rounds ---------------------------------------------------------------------------

    def round(self, round_id: int) -> MockRound | None:
        found = self._session.get(MockRound, round_id)
        return found if found and found.community_id == self.community_id else None

    def open_rounds(self) -> list[MockRound]:
        query = (
            select(MockRound)
            .where(MockRound.community_id == self.community_id, MockRound.status == "open")
            .order_by(col(MockRound.closes_at), col(MockRound.id))
        )
        return list(self._session.exec(query))

    def claim_round(self, opened: MockRound) -> bool:
        """Keep a new round unless one with its claim exists; say whether this one is kept."""
        exists = select(MockRound.id).where(
            MockRound.community_id == self.community_id, MockRound.claim == opened.claim
        )
        if self._session.exec(exists).first() is not None:
            return False
        try:
            with self._session.begin_nested():  # another process may claim the same round at once
                self._session.add(opened)
        except IntegrityError:
            return False
        return True

    def gather_waiting(self, opened: MockRound) -> None:
        """Make every request waiting outside another open round part of this one."""
        held = [r.id for r in self.open_rounds() if r.id != opened.id]
        self._session.execute(
            update(MockRequest)
            .where(
                col(MockRequest.community_id) == self.community_id,
                col(MockRequest.status) == "waiting",
                col(MockRequest.mock_round_id).is_(None)
                | col(MockRequest.mock_round_id).not_in(held),
            )
            .values(mock_round_id=opened.id)
        )

    def close_round(self, round_id: int, now: datetime) -> MockRound | None:
        """Claim the close of an open round: the round, or None when it was closed already."""
        claimed = self._session.execute(
            update(MockRound)
            .where(
                col(MockRound.id) == round_id,
                col(MockRound.community_id) == self.community_id,
                col(MockRound.status) == "open",
            )
            .values(status="closed", closed_at=now)
        )
        if not getattr(claimed, "rowcount", 0):
            return None
        closed = self.round(round_id)
        assert closed is not None
        self._session.refresh(closed)
        return closed

    def groups_of_round(self, round_id: int) -> tuple[int, int]:
        """Count the pairs and trios a round made: while it was open and when it closed."""
        sizes = self._session.exec(
            select(func.count())
            .select_from(MockSeat)
            .join(MockPairing, col(MockPairing.id) == col(MockSeat.pairing_id))
            .where(
                MockPairing.community_id == self.community_id,
                MockPairing.mock_round_id == round_id,
            )
            .group_by(col(MockSeat.pairing_id))
        ).all()
        return sum(1 for n in sizes if n == 2), sum(1 for n in sizes if n == 3)

    def channel_zone(self, channel_id: str) -> str:
        """The time zone a channel's cards use: its sprint's schedule zone, else the community's."""
        query = (
            select(Sprint.timezone)
            .where(
                Sprint.community_id == self.community_id,
                Sprint.channel_id == channel_id,
                Sprint.status != "ended",
            )
            .order_by(col(Sprint.id).desc())
        )
        found = self._session.exec(query).first()
        if found is not None:
            return found
        community = self.community()
        return community.timezone if community is not None else "UTC"

    def sprint(self, sprint_id: int | None) -> Sprint | None:
        """A sprint of this community, by id."""
        found = None if sprint_id is None else self._session.get(Sprint, sprint_id)
        return found if found is not None and found.community_id == self.community_id else None


# -- across communities, for the scheduler's finders --------------------------------------


def rounds_closing(session: Session, now: datetime) -> list[tuple[MockRound, Community]]:
    """Open rounds whose RSVP window has ended, with their community."""
    query = (
        select(MockRound, Community)
        .join(Community, col(Community.id) == MockRound.community_id)
        .where(MockRound.status == "open", col(MockRound.closes_at) <= now)
    )
    return [(found, community) for found, community in session.exec(query)]


def due_reports(session: Session, now: datetime) -> list[tuple[MockNoShow, Community]]:
    """Reports nobody disputed in their day, with their community: they count now."""
    query = (
        select(MockNoShow, Community)
        .join(Community, col(Community.id) == MockNoShow.community_id)
        .where(MockNoShow.status == "pending", col(MockNoShow.dispute_by) <= now)
    )
    return [(report, community) for report, community in session.exec(query)]


def stale_pairings(session: Session, now: datetime) -> list[tuple[MockPairing, Community]]:
    """Mocks still open 48 hours after their proposed time, with their community."""
    query = (
        select(MockPairing, Community)
        .join(Community, col(Community.id) == MockPairing.community_id)
        .where(MockPairing.status == "scheduled", col(MockPairing.proposed_at) <= stale_since(now))
    )
    return [(pairing, community) for pairing, community in session.exec(query)]


def requests_outside_rounds(
    session: Session,
) -> list[tuple[MockRequest, str, Community, int | None]]:
    """Waiting requests of members not paused and not held for an open round.

    Each with the member's target role, the community and its wait limit (None: the default).
    """
    rows: Any = session.exec(
        select(MockRequest, MockProfile.role, Community, MockSettings.wait_hours)
        .join(
            MockProfile,
            (col(MockProfile.community_id) == MockRequest.community_id)
            & (col(MockProfile.member_id) == MockRequest.member_id),
        )
        .join(Community, col(Community.id) == MockRequest.community_id)
        .outerjoin(MockSettings, col(MockSettings.community_id) == MockRequest.community_id)
        .where(
            MockRequest.status == "waiting",
            MockProfile.paused == False,  # noqa: E712
            col(MockRequest.mock_round_id).is_(None)
            | col(MockRequest.mock_round_id).not_in(
                select(MockRound.id).where(MockRound.status == "open")
            ),
        )
    ).all()
    return [(request, role, community, hours) for request, role, community, hours in rows]
