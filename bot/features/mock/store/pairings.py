"""Pairings and what follows them: seats, questions met, feedback, points, no-show reports."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from sqlalchemy import or_, update
from sqlmodel import col, select

from bot.app.context import Ctx
from bot.bank.live import in_shipped_bank
from bot.core.actors import Actor
from bot.core.clock import Clock
from bot.core.points import Reason
from bot.features.daily.tables import Answer, DailyPost
from bot.features.leaderboard.api import award
from bot.features.mock.store.base import RECENT_PAIRINGS, StoreBase
from bot.features.mock.tables import (
    MockFeedback,
    MockNoShow,
    MockPairing,
    MockSeat,
)
from bot.storage.tables import Member, Question


class PairingRows(StoreBase):
    """Pairings, seats, feedback and no-show reports of one community."""

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

    def partners_ever(self, member_id: int) -> set[int]:
        """Everyone who shared a pairing with this member, however long ago."""
        theirs = select(MockSeat.pairing_id).where(
            MockSeat.community_id == self.community_id, MockSeat.member_id == member_id
        )
        query = select(MockSeat.member_id).where(
            MockSeat.community_id == self.community_id,
            col(MockSeat.pairing_id).in_(theirs),
            MockSeat.member_id != member_id,
        )
        return set(self._session.exec(query))

    def no_shows_since(self, member_ids: Iterable[int] | None, since: datetime) -> dict[int, int]:
        """Count each member's no-shows in pairings made since a moment (None: every member's)."""
        query = (
            select(MockSeat.member_id)
            .join(MockPairing, col(MockPairing.id) == col(MockSeat.pairing_id))
            .where(
                MockSeat.community_id == self.community_id,
                MockSeat.status == "noshow",
                col(MockPairing.created_at) >= since,
            )
        )
        if member_ids is not None:
            query = query.where(col(MockSeat.member_id).in_(set(member_ids)))
        counts: dict[int, int] = {}
        for member_id in self._session.exec(query):
            counts[member_id] = counts.get(member_id, 0) + 1
        return counts

    def live_questions(self, categories: Collection[str] | None = None) -> list[Question]:
        """Every question of the shipped bank not retired (a packet's pool), of these categories.

        A community's own questions have no listen-for, red flags or level anchors for an
        interviewer to score by, so packets come from the shipped bank only.
        """
        query = select(Question).where(
            Question.retired == False,  # noqa: E712
            in_shipped_bank(),
        )
        if categories is not None:  # a pairing reads only its rounds' (each row's JSON is parsed)
            query = query.where(col(Question.category).in_(set(categories)))
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
