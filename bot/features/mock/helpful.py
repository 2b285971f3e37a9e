"""The receiver of mock feedback marks it helpful: the giver gets bonus points, once."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError, row_id
from bot.core.cards import Button, Card, Mention, Message, Reply, Style, Visibility, rich
from bot.core.points import Reason
from bot.features.mock.store import MockStore
from bot.features.mock.tables import MockFeedback

ROUTES = Registry()

HELPFUL = "Helpful"
ONLY_RECEIVER = "Only the member who received this feedback can mark it helpful."


def helpful_button(feedback: MockFeedback) -> Button:
    """The button on a feedback DM that thanks its giver with bonus points."""
    return Button(HELPFUL, "mock.helpful", str(feedback.id), Style.PRIMARY)


@ROUTES.action("mock.helpful")
def mark_helpful(ctx: Ctx, value: str) -> Reply:
    """Mark feedback the caller received helpful; its giver gets the bonus once, told by DM."""
    store = ctx.store(MockStore)
    found = row_id(value)
    feedback = None if found is None else store.feedback(found)
    if feedback is None or feedback.to_member_id != ctx.member_id:
        raise UserError(ONLY_RECEIVER)
    if feedback.helpful_at is not None:
        return Reply.note("You already marked this feedback helpful. Thanks!")
    feedback.helpful_at = ctx.clock.now()
    giver = store.member_or_none(feedback.from_member_id)
    if giver is None:
        return Reply.note("Thanks! Whoever gave it has since left, so no points went to them.")
    reference = f"mockhelp:{feedback.id}"
    points = store.award(ctx.clock, giver, Reason.MOCK_FEEDBACK_HELPFUL, reference)
    note = rich("Thanks! ", Mention(giver.external_id), " is told you found it helpful.")
    if not points:
        return Reply.note(note)
    note = rich(*note.parts, f" They get +{points} points.")
    told = rich(
        Mention(ctx.member.external_id),
        f" found your mock feedback helpful: +{points} points. `/mock history` shows all of it.",
    )
    card = Card(title="Your feedback helped", text=told)
    return Reply([Message(Card(text=note)), Message(card, Visibility.DIRECT, giver.external_id)])
