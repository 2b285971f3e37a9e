"""Steps the suggestion tests share: suggest a question, open the admins' queue, decide."""

from __future__ import annotations

from bot.app.hub import Hub
from bot.core.cards import Button, Reply
from tests.conftest import actor
from tests.features.story.flow import text_of

ADMIN = actor("boss", admin=True)
KEYS = "category:applied_ml difficulty:medium round:ml_depth"
SUGGESTED = {
    "title": "Calibrating a churn model",
    "prompt": (
        "Your churn classifier ranks customers well, but the marketing team reads its scores "
        "as probabilities and overspends on retention offers. How do you check and fix its "
        "calibration, and how do you show them it worked?"
    ),
    "hints": "Compare predicted and observed rates in buckets\nThink about isotonic regression",
    "strong_answer": (
        "- A reliability diagram and the expected calibration error\n"
        "- Platt scaling or isotonic regression on a held-out set\n"
        "- Checks that ranking quality (AUC) is unchanged after calibrating"
    ),
}


def suggest(hub: Hub, who: str = "u1", fields: dict[str, str] | None = None) -> Reply:
    """Open the suggestion form and send it; return what the member is told."""
    opened = hub.command_text(actor(who), "question", f"suggest {KEYS}")
    assert opened.modal is not None
    return hub.submit(actor(who), opened.modal.action, opened.modal.value, fields or SUGGESTED)


def queue(hub: Hub) -> Reply:
    """The admins' queue, as `/question suggestions` shows it."""
    return hub.command_text(ADMIN, "question", "suggestions")


def button(reply: Reply, label: str) -> Button:
    """The button with this label on the last card of a reply."""
    return next(b for m in reply.messages for b in m.card.buttons if b.label == label)


def approve_oldest(hub: Hub) -> Reply:
    """Press Approve on the oldest suggestion."""
    pressed = button(queue(hub), "Approve")
    return hub.press(ADMIN, pressed.action, pressed.value)


def deny_oldest(hub: Hub, reason: str) -> Reply:
    """Press Deny on the oldest suggestion and give the reason."""
    pressed = button(queue(hub), "Deny")
    opened = hub.press(ADMIN, pressed.action, pressed.value)
    assert opened.modal is not None
    return hub.submit(ADMIN, opened.modal.action, opened.modal.value, {"reason": reason})


__all__ = ["text_of"]
