"""What every part of the mock store shares: the session, the community, its members."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import SQLModel, col, select

from bot.storage.tables import Community, Member
from bot.storage.uow import Session

RECENT_PAIRINGS = 3
DEFAULT_WAIT_HOURS = 24


def timezone_of(member: Member, community: Community) -> str:
    """Return the member's time zone, or the community's when they have not set one."""
    return member.timezone or community.timezone


class StoreBase:
    """The session and the community every query of the mock store is scoped to."""

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

    # -- the community and its members ---------------------------------------------------

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
