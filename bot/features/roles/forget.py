"""The role rewards' part of `/profile forget` and of a member leaving."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.core.cards import Message
from bot.core.clock import Clock
from bot.features.roles.store import RolesStore
from bot.storage.uow import Session

KEPT = (
    "Roles I gave you as rewards stay on your account until they lapse or an admin removes "
    "them; I no longer know you hold them."
)


def forget(ctx: Ctx) -> Forgotten:
    """Forget which reward roles the caller holds, and that they set rewards up."""
    held = ctx.store(RolesStore).forget(ctx.member_id)
    return Forgotten(notes=(KEPT,) if held else ())


def member_left(session: Session, clock: Clock, community_id: int, member_id: int) -> list[Message]:
    """A member who left lost their roles with the server: forget their grants."""
    RolesStore(session, community_id).forget(member_id)
    return []
