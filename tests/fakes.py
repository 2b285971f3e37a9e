"""Fakes for the ports the services use; each is a real subclass of its port."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, NoReturn

from bot.app.context import Ctx
from bot.app.feature import Feature
from bot.core.actors import Actor
from bot.core.cards import Message, RoleChange
from bot.core.clock import Clock
from bot.core.ports import ROLE_GONE, ROLE_REFUSED, DeliveryError, Messenger, RoleError
from bot.scheduling.claims import Due, Result, Work
from bot.scheduling.delivery import JobRunner
from bot.storage.tables import Community, Member


class FakeClock(Clock):
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.current = moment


class FakeMessenger(Messenger):
    """Records every message; channels listed in `broken` fail like a deleted channel.

    Its history is what it was sent: `find` returns the ref of a sent message with the same
    marker (or fails like an unreadable channel when `unreadable` is set).
    """

    def __init__(self, platform: str = "console") -> None:
        self.platform = platform
        self.sent: list[tuple[str, Message]] = []
        self.broken: set[str] = set()
        self.no_spaces = False  # True: opening a private space fails like a missing permission
        self.roles: dict[tuple[str, str], set[str]] = {}  # (community, member) -> roles held
        self.role_changes: list[RoleChange] = []
        self.refused_roles: set[str] = set()
        self.gone_roles: set[str] = set()
        self.unreadable = False  # True: reading the history fails
        self.looked_for: list[str] = []  # the markers `find` was asked about

    async def find(self, community_id: str, message: Message) -> str | None:
        self.looked_for.append(message.marker or "")
        if self.unreadable:
            raise DeliveryError("missing permission to read the channel's history")
        for index, (_, sent) in enumerate(self.sent, start=1):
            if message.marker and sent.marker == message.marker:
                return f"msg-{index}"
        return None

    async def post(self, community_id: str, message: Message) -> str:
        if message.channel in self.broken:
            raise DeliveryError(f"channel {message.channel} is gone")
        if self.no_spaces and message.space is not None and message.space.members:
            raise DeliveryError("missing permission to create private threads")
        self.sent.append((community_id, message))
        return f"msg-{len(self.sent)}"

    async def change_role(self, community_id: str, change: RoleChange) -> str:
        """Hold roles per member; roles in `refused_roles` or `gone_roles` fail as on Discord."""
        if change.role in self.gone_roles:
            raise RoleError(ROLE_GONE, f"role {change.role} was deleted")
        if change.role in self.refused_roles:
            raise RoleError(ROLE_REFUSED, "missing the Manage Roles permission")
        held = self.roles.setdefault((community_id, change.member), set())
        if change.give:
            held.add(change.role)
        else:
            held.discard(change.role)
        self.role_changes.append(change)
        return f"role-{len(self.role_changes)}"

    def holders(self, role: str) -> set[str]:
        """The members holding a role now, in any community."""
        return {member for (_, member), roles in self.roles.items() if role in roles}


class DiesAfterDelivering(JobRunner):
    """A bot whose process dies right after delivering, before it records what it sent.

    Its claims stay leased; once the lease runs out another run takes them over.
    """

    def _record(self, batch: list[Result]) -> list[tuple[Due, list[Message]]]:
        raise RuntimeError("killed between delivery and record")


class DiesBeforeDelivering(JobRunner):
    """A bot whose process dies right after claiming, before it sends anything."""

    async def _run(self, work: Work, outcomes: asyncio.Queue[Result | None]) -> None:
        return None


class NoDatabase:
    """Stands where a Session would: a handler that reaches past its store fails the test."""

    def __getattr__(self, name: str) -> NoReturn:
        raise AssertionError(f"the handler used the database directly (session.{name})")


class FakeUnitOfWork:
    """One community's unit of work with in-memory stores and no database.

    `FakeUnitOfWork((XStore, FakeXStore()), ...)` serves FakeXStore wherever a handler asks
    for `ctx.store(XStore)`; `ctx("u1")` is that member acting, with the same stores each time,
    so one test can run several members' actions against the same fake rows.
    """

    COMMUNITY_ID = 1

    def __init__(
        self,
        *stores: tuple[Callable[..., Any], object],
        clock: FakeClock | None = None,
        timezone: str = "UTC",
        features: tuple[Feature, ...] = (),
    ) -> None:
        self.stores: dict[Any, Any] = dict(stores)
        self.clock = clock or FakeClock()
        self.community = Community(
            id=self.COMMUNITY_ID, platform="console", external_id="g1", timezone=timezone
        )
        self.features = features
        self.members: dict[str, Member] = {}

    def ctx(self, user: str = "u1", *, admin: bool = False, channel: str = "c1") -> Ctx:
        """The context of `user` acting in this community."""
        member = self.members.get(user)
        if member is None:
            member = Member(
                id=len(self.members) + 1,
                community_id=self.COMMUNITY_ID,
                external_id=user,
                display_name=user,
            )
            self.members[user] = member
        actor = Actor(
            platform="console",
            community_id="g1",
            user_id=user,
            display_name=user,
            channel_id=channel,
            is_admin=admin,
        )
        return Ctx(
            NoDatabase(),  # type: ignore[arg-type]
            actor,
            self.clock,
            self.community,
            member,
            self.features,
            self.stores,
        )
