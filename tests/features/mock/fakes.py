"""An in-memory MockStore: the mock feature's rows of one community, and no database."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from sqlmodel import SQLModel

from bot.core.clock import Clock
from bot.core.points import POINTS, Reason
from bot.features.mock.profile import ProfileOptions, set_profile
from bot.features.mock.store import RECENT_PAIRINGS, MockStore
from bot.features.mock.store.queue import Waiting
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
from tests.fakes import FakeClock, FakeUnitOfWork


class FakeMockStore(MockStore):
    """Keeps the rows in lists; each method answers as MockStore's query does."""

    def __init__(self, uow: FakeUnitOfWork | None = None) -> None:
        self.community_id = FakeUnitOfWork.COMMUNITY_ID
        self.uow = uow
        self.rows: dict[type[Any], list[Any]] = {}
        self.questions: list[Question] = []
        self.awards: dict[tuple[int, str, str], int] = {}
        self._ids = itertools.count(1)

    def all(self, kind: type[Any]) -> list[Any]:
        """Every row of one table, in the order they were added."""
        return self.rows.setdefault(kind, [])

    def add(self, row: SQLModel) -> None:
        if getattr(row, "id", None) is None:
            row.id = next(self._ids)
        if row not in self.all(type(row)):
            self.all(type(row)).append(row)

    def flush(self) -> None:
        """Rows have their ids as soon as they are added."""

    def community(self) -> Community | None:
        return self.uow.community if self.uow is not None else None

    def _people(self) -> list[Member]:
        return list(self.uow.members.values()) if self.uow is not None else []

    def member(self, member_id: int) -> Member:
        found = self.member_or_none(member_id)
        assert found is not None
        return found

    def member_or_none(self, member_id: int) -> Member | None:
        return next((m for m in self._people() if m.id == member_id), None)

    def members(self, member_ids: Iterable[int]) -> dict[int, Member]:
        wanted = set(member_ids)
        return {m.id: m for m in self._people() if m.id in wanted and m.id is not None}

    def settings(self) -> MockSettings | None:
        return next(iter(self.all(MockSettings)), None)

    def profile(self, member_id: int) -> MockProfile | None:
        return next((p for p in self.all(MockProfile) if p.member_id == member_id), None)

    def profiles(self, member_ids: Iterable[int]) -> dict[int, MockProfile]:
        wanted = set(member_ids)
        return {p.member_id: p for p in self.all(MockProfile) if p.member_id in wanted}

    def has_role_peer(self, member_id: int, role: str) -> bool:
        return any(p.role == role and p.member_id != member_id for p in self.all(MockProfile))

    def drop_profile(self, member_id: int) -> bool:
        found = self.profile(member_id)
        if found is not None:
            self.all(MockProfile).remove(found)
        return found is not None

    def request(self, request_id: int) -> MockRequest | None:
        return next((r for r in self.all(MockRequest) if r.id == request_id), None)

    def waiting_request(self, member_id: int) -> MockRequest | None:
        return next((r for r in self.waiting_requests() if r.member_id == member_id), None)

    def waiting_requests(self) -> list[MockRequest]:
        waiting = [r for r in self.all(MockRequest) if r.status == "waiting"]
        return sorted(waiting, key=lambda r: (r.waiting_since, r.id))

    def waiting_in_role(self, role: str, besides: int) -> list[Waiting]:
        people = {m.id: m for m in self._people()}
        found = []
        for r in self.waiting_requests():
            profile, member = self.profile(r.member_id), people.get(r.member_id)
            if r.member_id == besides or profile is None or member is None:
                continue
            if profile.role != role or profile.paused:
                continue
            assert r.id is not None
            found.append(
                Waiting(
                    r.id,
                    r.member_id,
                    r.round,
                    r.window,
                    r.waiting_since,
                    r.priority,
                    r.mock_round_id,
                    profile.level,
                    profile.availability,
                    member.timezone,
                )
            )
        return found

    def clear_windows(self, member_id: int) -> None:
        for request in self.all(MockRequest):
            if request.member_id == member_id:
                request.window = None

    def pairing(self, pairing_id: int) -> MockPairing | None:
        return next((p for p in self.all(MockPairing) if p.id == pairing_id), None)

    def active_seat(self, member_id: int) -> tuple[MockSeat, MockPairing] | None:
        found = []
        for seat in self.all(MockSeat):
            pairing = self.pairing(seat.pairing_id)
            mine = seat.member_id == member_id and seat.status == "active"
            if mine and pairing is not None and pairing.status == "scheduled":
                found.append((seat, pairing))
        return max(found, key=lambda pair: pair[1].id or 0) if found else None

    def seats(self, pairing_id: int) -> list[MockSeat]:
        mine = [s for s in self.all(MockSeat) if s.pairing_id == pairing_id]
        return sorted(mine, key=lambda s: s.position)

    def recent_partners(self, member_ids: Iterable[int]) -> dict[int, frozenset[int]]:
        wanted = set(member_ids)
        found: dict[int, set[int]] = {m: set() for m in wanted}
        for member in wanted:
            mine = sorted({s.pairing_id for s in self.all(MockSeat) if s.member_id == member})
            for pairing_id in mine[-RECENT_PAIRINGS:]:
                found[member] |= {s.member_id for s in self.seats(pairing_id)} - {member}
        return {m: frozenset(partners) for m, partners in found.items()}

    def partners_ever(self, member_id: int) -> set[int]:
        theirs = {s.pairing_id for s in self.all(MockSeat) if s.member_id == member_id}
        return {
            s.member_id
            for s in self.all(MockSeat)
            if s.pairing_id in theirs and s.member_id != member_id
        }

    def no_shows_since(self, member_ids: Iterable[int] | None, since: datetime) -> dict[int, int]:
        counts: dict[int, int] = {}
        for seat in self.all(MockSeat):
            pairing = self.pairing(seat.pairing_id)
            made = pairing is not None and pairing.created_at >= since
            whose = member_ids is None or seat.member_id in set(member_ids)
            if whose and seat.status == "noshow" and made:
                counts[seat.member_id] = counts.get(seat.member_id, 0) + 1
        return counts

    def live_questions(self, categories: Collection[str] | None = None) -> list[Question]:
        wanted = [q for q in self.questions if not q.retired]
        return [q for q in wanted if categories is None or q.category in categories]

    def seen_questions(self, member_id: int) -> set[str]:
        return {
            s.question_id
            for s in self.all(MockSeat)
            if s.question_id and member_id in (s.member_id, s.interviews_member_id)
        }

    def feedback_from(self, pairing_id: int, member_id: int) -> MockFeedback | None:
        return next(
            (
                f
                for f in self.all(MockFeedback)
                if f.pairing_id == pairing_id and f.from_member_id == member_id
            ),
            None,
        )

    def blank_feedback(self, member_id: int) -> int:
        mine = [
            f for f in self.all(MockFeedback) if member_id in (f.from_member_id, f.to_member_id)
        ]
        for feedback in mine:
            feedback.comment = ""
        return len(mine)

    def award(self, clock: Clock, member: Member, reason: Reason, reference: str) -> int:
        assert member.id is not None
        key = (member.id, reason.value, reference)
        if key in self.awards:
            return 0
        self.awards[key] = POINTS[reason]
        return POINTS[reason]

    def report(self, report_id: int) -> MockNoShow | None:
        return next((r for r in self.all(MockNoShow) if r.id == report_id), None)

    def pending_report_against(self, member_id: int, now: datetime) -> MockNoShow | None:
        pending = [
            r
            for r in self.all(MockNoShow)
            if r.absent_member_id == member_id and r.status == "pending" and r.dispute_by > now
        ]
        return max(pending, key=lambda r: r.id or 0) if pending else None

    def set_absent_seat(self, report: MockNoShow, status: str) -> None:
        for seat in self.seats(report.pairing_id):
            if seat.member_id == report.absent_member_id:
                seat.status = status

    def round(self, round_id: int) -> MockRound | None:
        return next((r for r in self.all(MockRound) if r.id == round_id), None)

    def open_rounds(self) -> list[MockRound]:
        found = [r for r in self.all(MockRound) if r.status == "open"]
        return sorted(found, key=lambda r: (r.closes_at, r.id))

    def claim_round(self, opened: MockRound) -> bool:
        if any(r.claim == opened.claim for r in self.all(MockRound)):
            return False
        self.add(opened)
        return True

    def gather_waiting(self, opened: MockRound) -> None:
        held = {r.id for r in self.open_rounds() if r.id != opened.id}
        for request in self.waiting_requests():
            if request.mock_round_id is None or request.mock_round_id not in held:
                request.mock_round_id = opened.id

    def close_round(self, round_id: int, now: datetime) -> MockRound | None:
        found = self.round(round_id)
        if found is None or found.status != "open":
            return None
        found.status, found.closed_at = "closed", now
        return found

    def groups_of_round(self, round_id: int) -> tuple[int, int]:
        made = [p for p in self.all(MockPairing) if p.mock_round_id == round_id]
        sizes = [len(self.seats(p.id)) for p in made if p.id is not None]
        return sizes.count(2), sizes.count(3)

    def channel_zone(self, channel_id: str) -> str:
        community = self.community()
        return community.timezone if community is not None else "UTC"

    def sprint(self, sprint_id: int | None) -> Sprint | None:
        return None


def mock_unit(clock: FakeClock | None = None) -> tuple[FakeUnitOfWork, FakeMockStore]:
    """A community's unit of work whose mock store is in memory, and that store."""
    store = FakeMockStore()
    uow = FakeUnitOfWork((MockStore, store), clock=clock)
    store.uow = uow
    return uow, store


EVENINGS = "mon-fri 18:00-21:00, sat 10:00-14:00"


def with_profile(uow: FakeUnitOfWork, user: str, role: str = "MLE") -> None:
    """Give a member a mock profile: Paris evenings, the same hours for everyone."""
    options = ProfileOptions(
        role=role, level="mle2", timezone="Europe/Paris", availability=EVENINGS
    )
    set_profile(uow.ctx(user), options)
