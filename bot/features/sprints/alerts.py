"""Telling the admin who started a sprint that one of its posts could not go out."""

from __future__ import annotations

from bot.core.cards import Card, Message, UserText, Visibility, rich
from bot.features.sprints.store import sprint_by_id
from bot.scheduling.claims import Due
from bot.storage.uow import Session


def alert_admin(session: Session, due: Due, error: str) -> list[Message]:
    """Tell the admin who started the sprint that one of its posts could not go out."""
    sprint = sprint_by_id(session, due.sprint_id)
    if sprint is None or not sprint.created_by:
        return []
    text = rich(
        f"The {due.kind} post for **",
        UserText(sprint.name),
        f"** ({due.key}) could not be delivered.\nWhy: ",
        UserText(error.rstrip(".")),
        ".\nIf that is about the channel or permissions, check that the channel still exists "
        "and that PrepLoop may post there. Nothing was lost; the next post is tried as planned.",
    )
    card = Card(title="PrepLoop could not post", text=text)
    return [Message(card, Visibility.DIRECT, to_member=sprint.created_by)]
