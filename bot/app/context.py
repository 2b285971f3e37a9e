"""What every handler receives: who acts, where, the clock, and the stores of this unit of work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import and_, bindparam
from sqlmodel import Session, col, select

from bot.core.actors import Actor
from bot.core.clock import Clock, local_date
from bot.storage.tables import Community, Member

if TYPE_CHECKING:
    from bot.app.feature import Feature

StoreT = TypeVar("StoreT")


@dataclass
class Ctx:
    """One member's action in one community, inside one unit of work.

    A handler reads and writes through its feature's store, `ctx.store(XStore)`: a store is
    built once per unit of work from the session and this community's id, so every query it
    runs is scoped to the community. Tests hand in fake stores and no database at all
    (tests/fakes.py, FakeUnitOfWork).
    """

    session: Session
    actor: Actor
    clock: Clock
    community: Community
    member: Member
    features: tuple[Feature, ...] = ()
    stores: dict[Any, Any] = field(default_factory=dict)
    rate_limit: int = 0  # the operator's commands and presses a minute per member (0: none)

    def store(self, kind: Callable[[Session, int], StoreT]) -> StoreT:
        """The store `kind` for this community, in this unit of work."""
        found = self.stores.get(kind)
        if found is None:
            found = self.stores[kind] = kind(self.session, self.community_id)
        return cast(StoreT, found)

    @contextmanager
    def beside(self, kind: Callable[[Session, int], StoreT]) -> Iterator[StoreT]:
        """The store `kind` on a short session of its own, outside this unit of work.

        For a read that only informs (an estimate shown to the member): under SERIALIZABLE,
        reading many rows that other members write widens the transaction's read set, and the
        action then loses races to theirs (PostgreSQL's "conflict out to pivot") until its
        retries run out. It sees what was committed before this action. On SQLite (one writer
        at a time, no such races; a second connection would wait for this one's lock) and
        without a database (tests' fake stores) it is the unit of work's own store.
        """
        bind = self.session.get_bind() if isinstance(self.session, Session) else None
        if bind is None or bind.dialect.name == "sqlite":
            yield self.store(kind)
            return
        with Session(bind) as side:
            yield kind(side, self.community_id)

    @property
    def community_id(self) -> int:
        assert self.community.id is not None
        return self.community.id

    @property
    def member_id(self) -> int:
        assert self.member.id is not None
        return self.member.id

    def today(self) -> date:
        return local_date(self.clock, self.community.timezone)


# Both rows in one query, built once: every command and button starts here.
_BOTH_ROWS = (
    select(Community, Member)
    .outerjoin(
        Member,
        and_(
            col(Member.community_id) == Community.id,
            col(Member.external_id) == bindparam("member"),
        ),
    )
    .where(
        col(Community.platform) == bindparam("platform"),
        col(Community.external_id) == bindparam("community"),
    )
)


def open_ctx(
    session: Session,
    actor: Actor,
    clock: Clock,
    default_tz: str,
    features: tuple[Feature, ...] = (),
    *,
    rate_limit: int = 0,
) -> Ctx:
    """Find or create the actor's community and member rows and wrap them in a Ctx."""
    known = session.exec(
        _BOTH_ROWS,
        params={
            "platform": actor.platform,
            "community": actor.community_id,
            "member": actor.user_id,
        },
    ).first()
    if known is None:
        community = ensure_community(session, actor.platform, actor.community_id, default_tz)
        member = None
    else:
        community, member = known
    if actor.community_name and community.name != actor.community_name:
        community.name = actor.community_name[:200]
    if member is None:
        member = ensure_member(session, community, actor.user_id, actor.display_name)
    elif actor.display_name and member.display_name != actor.display_name:
        member.display_name = actor.display_name[:200]
    return Ctx(session, actor, clock, community, member, features, rate_limit=rate_limit)


def ensure_community(session: Session, platform: str, external_id: str, tz: str) -> Community:
    """Return the community row, creating it on first contact."""
    query = select(Community).where(
        Community.platform == platform, Community.external_id == external_id
    )
    community = session.exec(query).first()
    if community is None:
        community = Community(platform=platform, external_id=external_id, timezone=tz)
        session.add(community)
        session.flush()
    return community


def ensure_member(session: Session, community: Community, external_id: str, name: str) -> Member:
    """Return the member row in this community, creating it on first contact."""
    query = select(Member).where(
        Member.community_id == community.id, Member.external_id == external_id
    )
    member = session.exec(query).first()
    if member is None:
        assert community.id is not None
        member = Member(community_id=community.id, external_id=external_id)
        session.add(member)
    if name and member.display_name != name:
        member.display_name = name[:200]
    session.flush()
    return member
