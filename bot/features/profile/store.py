"""The member rows `/profile forget` reads, always inside one community."""

from __future__ import annotations

from bot.storage.tables import Member
from bot.storage.uow import Session


class ProfileStore:
    """The members of one community, as `/profile forget` sees them."""

    def __init__(self, session: Session, community_id: int) -> None:
        self._session = session
        self.community_id = community_id

    def member(self, member_id: int) -> Member | None:
        """A member of this community by id, or None."""
        member = self._session.get(Member, member_id)
        return member if member is not None and member.community_id == self.community_id else None

    def unname(self, member: Member, mark: str) -> None:
        """Make a member of this community anonymous: `mark` replaces their platform id."""
        assert member.community_id == self.community_id
        member.external_id = mark
        member.display_name, member.timezone = "", None
