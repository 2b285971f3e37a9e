"""The limits feature's store: one community's row of limits."""

from __future__ import annotations

from sqlmodel import col, select

from bot.features.limits.tables import CommunityLimits
from bot.storage.tables import Community
from bot.storage.uow import Session


class LimitsStore:
    """The limits of one community."""

    def __init__(self, session: Session, community_id: int) -> None:
        self.session = session
        self.community_id = community_id

    def limits(self) -> CommunityLimits:
        """Return the community's limits (an unsaved row of defaults if none were set)."""
        row = self.session.get(CommunityLimits, self.community_id)
        return row if row is not None else CommunityLimits(community_id=self.community_id)

    def save(self, row: CommunityLimits) -> None:
        """Store the community's limits."""
        self.session.add(row)


def rate_by_ref(session: Session, platform: str, community_ref: str) -> int | None:
    """Return a community's own rate limit by its platform id, None when it set none."""
    query = (
        select(CommunityLimits.rate_per_minute)
        .join(Community, col(Community.id) == col(CommunityLimits.community_id))
        .where(Community.platform == platform, Community.external_id == community_ref)
    )
    return session.exec(query).first()


def stories_per_member(session: Session, community_id: int) -> int | None:
    """Return a community's own cap on live stories per member, None when it set none."""
    row = session.get(CommunityLimits, community_id)
    return row.stories_per_member if row is not None else None
