"""What a feature plugs in: one value each, listed in bot/features in `/help` order.

Nothing registers itself by being imported: the hub serves the routes of the features it is
given, the scheduler runs their scheduled work, `/profile forget` calls their forget hooks and
a member leaving calls their member-left hooks, in the order of the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.app.registry import Registry
from bot.core.cards import Message

if TYPE_CHECKING:
    from sqlmodel import Session

    from bot.app.context import Ctx
    from bot.core.clock import Clock
    from bot.core.home import Home
    from bot.scheduling.claims import Finder, Kind


@dataclass(frozen=True)
class Forgotten:
    """What one feature erased for `/profile forget`: phrases for the reply, messages to send."""

    erased: tuple[str, ...] = ()
    messages: tuple[Message, ...] = ()
    notes: tuple[str, ...] = ()


ForgetHook = Callable[["Ctx"], Forgotten]
MemberLeftHook = Callable[["Session", "Clock", int, int], list[Message]]
"""(session, clock, community id, member id) → messages for the people affected."""
HomeHook = Callable[["Ctx"], "Home"]
"""The member's home page (the Slack App Home), read in the member's unit of work."""
RateHook = Callable[["Session", str, str], "int | None"]
"""(session, platform, the community's platform id) → its actions a minute per member, or None."""


@dataclass(frozen=True)
class Feature:
    """One feature as the app sees it: what it routes, schedules, erases and stores.

    routes: its modules' registries, in `/help` order; finders and kinds: its scheduled work;
    forget: its part of `/profile forget`; member_left: what it does when a member leaves;
    home: gathers a member's home (one feature has it); tables: the tables it owns (each
    stored table has one owner, or is shared in storage); rate_limit: the community's own rate
    limit, read by the hub before a command or a press.
    """

    name: str
    routes: tuple[Registry, ...] = ()
    finders: tuple[Finder, ...] = ()
    kinds: tuple[Kind, ...] = ()
    forget: ForgetHook | None = None
    member_left: MemberLeftHook | None = None
    home: HomeHook | None = None
    tables: tuple[type[Any], ...] = ()
    rate_limit: RateHook | None = None


def registry_of(features: tuple[Feature, ...]) -> Registry:
    """Every feature's commands, buttons and forms, in the order of the features."""
    return Registry.joined(part for feature in features for part in feature.routes)
