"""A community's dashboard settings and the members hidden from its public board."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select

from bot.features.dashboard.tables import DashboardHidden, DashboardSettings
from bot.storage.tables import Community
from bot.storage.uow import Session


class DashboardStore:
    """The dashboard settings of one community."""

    def __init__(self, session: Session, community_id: int) -> None:
        self._session = session
        self.community_id = community_id

    def settings(self) -> DashboardSettings | None:
        """The community's settings row, if it has one (read only)."""
        return self._session.get(DashboardSettings, self.community_id)

    def settings_to_keep(self) -> DashboardSettings:
        """The settings row, made the first time with a fresh signing key."""
        row = self.settings()
        if row is None:
            row = DashboardSettings(
                community_id=self.community_id, secret=secrets.token_urlsafe(32)
            )
            self._session.add(row)
            self._session.flush()
        return row

    def publish(self, now: datetime) -> str:
        """Publish the board at a new unguessable token (or keep the current one); return it."""
        row = self.settings_to_keep()
        if row.public_token is None:
            row.public_token = secrets.token_urlsafe(24)
            row.updated_at = now
        return row.public_token

    def unpublish(self, now: datetime) -> bool:
        """Take the board down; True when it was published."""
        row = self.settings()
        if row is None or row.public_token is None:
            return False
        row.public_token, row.updated_at = None, now
        return True

    def hide(self, member_id: int, hidden: bool) -> None:
        """Hide a member from the public board, or show them again."""
        row = self._session.get(DashboardHidden, member_id)
        if hidden and row is None:
            self._session.add(DashboardHidden(member_id=member_id, community_id=self.community_id))
        elif not hidden and row is not None:
            self._session.delete(row)

    def is_hidden(self, member_id: int) -> bool:
        """Whether a member asked to be left off the public board."""
        return self._session.get(DashboardHidden, member_id) is not None

    def hidden_ids(self) -> set[int]:
        """Every member of the community hidden from the public board."""
        query = select(DashboardHidden.member_id).where(
            DashboardHidden.community_id == self.community_id
        )
        return set(self._session.exec(query))

    def community(self) -> Community | None:
        """The community's row (its name and zone)."""
        return self._session.get(Community, self.community_id)

    def forget(self, member_id: int) -> bool:
        """Delete a member's hidden mark; True when there was one."""
        result = self._session.execute(
            delete(DashboardHidden).where(
                col(DashboardHidden.community_id) == self.community_id,
                col(DashboardHidden.member_id) == member_id,
            )
        )
        return bool(getattr(result, "rowcount", 0))


def community_of_token(session: Session, token: str) -> int | None:
    """The community whose public board is published at `token`; None when none is."""
    if not token:
        return None
    query = select(DashboardSettings.community_id).where(DashboardSettings.public_token == token)
    return session.exec(query).first()
