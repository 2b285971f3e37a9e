"""An in-memory ProfileStore: one community's member rows, and no database."""

from __future__ import annotations

from bot.features.profile.store import ProfileStore
from bot.storage.tables import Member


class FakeProfileStore(ProfileStore):
    """The same methods as ProfileStore, over a dictionary a test fills."""

    def __init__(self, community_id: int = 1) -> None:
        self.community_id = community_id
        self.members: dict[int, Member] = {}

    def member(self, member_id: int) -> Member | None:
        found = self.members.get(member_id)
        return found if found is not None and found.community_id == self.community_id else None
