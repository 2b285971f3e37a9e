"""`/profile forget` for mock interviews: a member's profile, requests and feedback text."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, or_, update
from sqlmodel import col

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.core.cards import Message
from bot.core.words import plural
from bot.features.mock.match import dissolve
from bot.features.mock.pairing import Scope
from bot.features.mock.store import active_seat_of, waiting_request_of
from bot.features.mock.tables import MockFeedback, MockProfile, MockRequest

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
    return MockErased(_blank_feedback(ctx), _drop_profile(ctx), messages)


def _leave_the_queue(ctx: Ctx) -> list[Message]:
    """Cancel a waiting request and end an upcoming mock; partners go back first in the queue."""
    request = waiting_request_of(ctx.session, ctx.community_id, ctx.member_id)
    if request is not None:
        request.status, request.updated_at = "cancelled", ctx.clock.now()
    ctx.session.execute(
        update(MockRequest)
        .where(
            col(MockRequest.community_id) == ctx.community_id,
            col(MockRequest.member_id) == ctx.member_id,
        )
        .values(window=None)
    )
    active = active_seat_of(ctx.session, ctx.community_id, ctx.member_id)
    if active is None:
        return []
    scope = Scope(ctx.session, ctx.clock, ctx.community)
    return dissolve(scope, active[1], ctx.member_id, "left", PARTNER_GONE)


def _blank_feedback(ctx: Ctx) -> int:
    """Blank the comments of feedback the caller gave or received; the scores stay, unnamed."""
    result = ctx.session.execute(
        update(MockFeedback)
        .where(
            col(MockFeedback.community_id) == ctx.community_id,
            or_(
                col(MockFeedback.from_member_id) == ctx.member_id,
                col(MockFeedback.to_member_id) == ctx.member_id,
            ),
        )
        .values(comment="")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _drop_profile(ctx: Ctx) -> bool:
    result = ctx.session.execute(
        delete(MockProfile).where(
            col(MockProfile.community_id) == ctx.community_id,
            col(MockProfile.member_id) == ctx.member_id,
        )
    )
    return bool(getattr(result, "rowcount", 0))
