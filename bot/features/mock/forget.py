"""`/profile forget` for mock interviews: a member's profile, requests and feedback text."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.core.cards import Message
from bot.core.words import plural
from bot.features.mock.match import dissolve
from bot.features.mock.pairing import Scope
from bot.features.mock.store import MockStore

PARTNER_GONE = "Your partner left PrepLoop here, so your mock interview is off."


@dataclass
class MockErased:
    """What forgetting took from the mock feature, and the notes for partners it freed."""

    feedback: int = 0
    profile: bool = False
    messages: list[Message] = field(default_factory=list)


CALLED_OFF = "Your upcoming mock is called off; your partner was told."


def forget(ctx: Ctx) -> Forgotten:
    """Free the caller's partners, erase their mock data; say what went and who was told."""
    erased = forget_mock(ctx)
    counted = (
        (erased.feedback, f"the comments of {plural(erased.feedback, 'mock feedback form')}"),
        (erased.profile, "your mock profile"),
    )
    return Forgotten(
        erased=tuple(words for count, words in counted if count),
        messages=tuple(erased.messages),
        notes=(CALLED_OFF,) if erased.messages else (),
    )


def forget_mock(ctx: Ctx) -> MockErased:
    """Free the caller's partners, then erase their mock profile, requests and feedback text."""
    messages = _leave_the_queue(ctx)
    store = ctx.store(MockStore)
    store.forget_space_admin(ctx.member_id)
    # The scores stay, with no name, so other members' averages stay true.
    return MockErased(
        store.blank_feedback(ctx.member_id), store.drop_profile(ctx.member_id), messages
    )


def _leave_the_queue(ctx: Ctx) -> list[Message]:
    """Cancel a waiting request and end an upcoming mock; partners go back first in the queue."""
    request = ctx.store(MockStore).waiting_request(ctx.member_id)
    if request is not None:
        request.status, request.updated_at = "cancelled", ctx.clock.now()
    ctx.store(MockStore).clear_windows(ctx.member_id)
    active = ctx.store(MockStore).active_seat(ctx.member_id)
    if active is None:
        return []
    scope = Scope(ctx.store(MockStore), ctx.clock, ctx.community)
    return dissolve(scope, active[1], ctx.member_id, "left", PARTNER_GONE)
