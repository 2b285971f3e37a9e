"""The queue's rows: the community's settings, members' profiles and their requests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, delete, update
from sqlalchemy import select as sa_select  # ten columns: more than sqlmodel's select types
from sqlmodel import col, select

from bot.core.mock_plan import OddPolicy
from bot.core.mock_rules import DEFAULT_ROLES
from bot.features.mock.store.base import DEFAULT_WAIT_HOURS, StoreBase
from bot.features.mock.tables import (
    MockProfile,
    MockRequest,
    MockSettings,
)
from bot.storage.tables import Member


class Waiting(NamedTuple):
    """A waiting request as plain columns, with what matching needs of its member and profile."""

    id: int
    member_id: int
    round: str
    window: str | None
    waiting_since: datetime
    priority: bool
    mock_round_id: int | None
    level: str
    availability: str
    timezone: str | None  # the member's own (None: the community's)


class QueueRows(StoreBase):
    """Settings, profiles and requests of one community."""

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
        return self._session.exec(query.limit(1)).first() is not None

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

    def waiting_in_role(self, role: str, besides: int) -> list[Waiting]:
        """The waiting requests of unpaused members with this target role, but `besides`'s.

        Plain columns from one query: matching a new request reads every one of them, and
        thousands of ORM objects (with their profiles and members) cost far more than the SQL.
        """
        values = {"community": self.community_id, "role": role, "besides": besides}
        return [Waiting(*row) for row in self._session.execute(_WAITING_IN_ROLE, values)]

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


# Built once: SQLAlchemy's cost of building it is more than SQLite's cost of running it.
_WAITING_IN_ROLE = (
    sa_select(
        col(MockRequest.id),
        col(MockRequest.member_id),
        col(MockRequest.round),
        col(MockRequest.window),
        col(MockRequest.waiting_since),
        col(MockRequest.priority),
        col(MockRequest.mock_round_id),
        col(MockProfile.level),
        col(MockProfile.availability),
        col(Member.timezone),
    )
    .join(MockProfile, col(MockProfile.member_id) == col(MockRequest.member_id))
    .join(Member, col(Member.id) == col(MockRequest.member_id))
    .where(
        col(MockRequest.community_id) == bindparam("community"),
        col(MockRequest.status) == "waiting",
        col(MockRequest.member_id) != bindparam("besides"),
        col(MockProfile.community_id) == bindparam("community"),
        col(MockProfile.role) == bindparam("role"),
        col(MockProfile.paused) == False,  # noqa: E712
        col(Member.community_id) == bindparam("community"),
    )
)
