"""Finding and keeping prep sprints, always inside one community (or, for the scheduler, all)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.orm.util import identity_key
from sqlmodel import col, select

from bot.features.sprints.tables import Sprint
from bot.storage.tables import Community
from bot.storage.uow import Session

LIVE = ("active", "paused")


class SprintStore:
    """The sprints of one community."""

    def __init__(self, session: Session, community_id: int) -> None:
        self._session = session
        self.community_id = community_id

    def live_in(self, channel_id: str) -> Sprint | None:
        """Return the channel's active or paused sprint."""
        return live_sprint(self._session, self.community_id, channel_id)

    def latest_live(self) -> Sprint | None:
        """The community's most recently started live sprint, in any channel."""
        query = (
            select(Sprint)
            .where(Sprint.community_id == self.community_id, col(Sprint.status).in_(LIVE))
            .order_by(col(Sprint.id).desc())
            .limit(1)
        )
        return self._session.exec(query).first()

    def add(self, sprint: Sprint) -> Sprint:
        """Keep a new sprint of this community and give it its id."""
        assert sprint.community_id == self.community_id
        self._session.add(sprint)
        self._session.flush()
        return sprint

    def unname_creator(self, user_id: str) -> None:
        """Forget that a member started this community's sprints."""
        self._session.execute(
            update(Sprint)
            .where(
                col(Sprint.community_id) == self.community_id,
                col(Sprint.created_by) == user_id,
            )
            .values(created_by="")
        )


def live_sprint(session: Session, community_id: int, channel_id: str) -> Sprint | None:
    """Return the channel's active or paused sprint."""
    found = session.exec(_LIVE_SPRINT, params={"community": community_id, "channel": channel_id})
    return found.first()


_LIVE_SPRINT = select(Sprint).where(  # built once: /question asks it every time
    col(Sprint.community_id) == bindparam("community"),
    col(Sprint.channel_id) == bindparam("channel"),
    col(Sprint.status).in_(LIVE),
)


_SPRINTS_AMONG = (  # built once: the scheduler asks it every tick with work
    select(Sprint, Community)
    .join(Community, col(Community.id) == Sprint.community_id)
    .where(col(Sprint.id).in_(bindparam("ids", expanding=True)))
    .order_by(col(Sprint.id))
)


def sprints_among(session: Session, sprint_ids: Collection[int]) -> list[tuple[Sprint, Community]]:
    """These sprints with their communities (for the scheduler, a page at a time)."""
    if not sprint_ids:
        return []
    return list(session.exec(_SPRINTS_AMONG, params={"ids": list(sprint_ids)}).all())


def sprint_by_id(session: Session, sprint_id: int | None) -> Sprint | None:
    """Return a sprint by its id, or None (and None for no id)."""
    return None if sprint_id is None else session.get(Sprint, sprint_id)


def sprints_by_id(session: Session, sprint_ids: Collection[int]) -> dict[int, Sprint]:
    """The sprints of these ids: those the session holds, and the rest in one query."""
    held = {i: s for i in sprint_ids if (s := session.identity_map.get(_key(i))) is not None}
    missing = [i for i in sprint_ids if i not in held]
    if missing:
        rows = session.exec(select(Sprint).where(col(Sprint.id).in_(missing))).all()
        held.update({sprint.id: sprint for sprint in rows if sprint.id is not None})
    return held


def _key(sprint_id: int) -> Any:
    return identity_key(Sprint, sprint_id)


def running_sprint_ids(session: Session, community_id: int, today: date) -> list[int]:
    """The ids of a community's live sprints that have started by `today`."""
    found = session.exec(
        select(Sprint.id).where(
            Sprint.community_id == community_id,
            col(Sprint.status).in_(LIVE),
            Sprint.start_date <= today,
        )
    ).all()
    return [sprint_id for sprint_id in found if sprint_id is not None]


def season_sprint(session: Session, community_id: int, channel_id: str) -> Sprint | None:
    """The sprint a leaderboard season means: the channel's latest, else the community's."""
    return session.exec(
        select(Sprint)
        .where(Sprint.community_id == community_id)
        .order_by(col(Sprint.channel_id) != channel_id, col(Sprint.id).desc())
    ).first()


def has_sprint(session: Session, community_id: int) -> bool:
    """Whether a community ever had a sprint."""
    return session.exec(_ANY_SPRINT, params={"community": community_id}).first() is not None


_ANY_SPRINT = select(Sprint.id).where(col(Sprint.community_id) == bindparam("community")).limit(1)
