"""Members earning points the way the board sees them: an answer, or an award of any size."""

from __future__ import annotations

import itertools

from bot.app.context import open_ctx
from bot.app.hub import Hub
from bot.core.actors import Actor
from bot.core.cards import Reply
from bot.core.points import Reason
from bot.features.leaderboard.ledger import award
from bot.storage.uow import UnitOfWork
from tests.conftest import actor

_awards = itertools.count()


def answer(hub: Hub, who: str, text: str = "An answer with some substance.") -> Reply:
    """Answer today's question through its card, as a member does."""
    shown = hub.command_text(actor(who), "question", "")
    button = shown.messages[0].card.buttons[0]
    opened = hub.press(actor(who), button.action, button.value)
    assert opened.modal is not None
    return hub.submit(actor(who), opened.modal.action, opened.modal.value, {"answer": text})


def give(hub: Hub, who: str | Actor, points: int, reason: Reason = Reason.STORY_SUBMITTED) -> None:
    """Record one award of `points` (negative for a penalty) to a member, now."""
    member = actor(who) if isinstance(who, str) else who
    with UnitOfWork(hub.engine) as uow:
        ctx = open_ctx(uow.session, member, hub.clock, "UTC")
        award(ctx, reason, f"test:{member.user_id}:{next(_awards)}", points=points)
