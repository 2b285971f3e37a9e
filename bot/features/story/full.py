"""A member who keeps as many stories as the community allows: why, and how to make room."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.core.cards import Card, Message, Reply, UserText, Visibility, rich
from bot.features.story.cards import story_cards
from bot.features.story.tables import Story


def full_text(cap: int) -> str:
    """Say the member keeps the most stories allowed here, and how to free a place."""
    return (
        f"You have {cap} stories, the most one member can keep here. To write a new one, "
        "delete one you no longer need with `/story delete story:<number>` (`/story mine` "
        "lists them), or improve an old one with `/story edit story:<number>`. "
        "Nothing of yours was changed."
    )


def handed_back(ctx: Ctx, texts: dict[str, str], reason: str) -> Reply:
    """Refuse a story form that cannot be saved, showing what was written so it is not lost."""
    draft = Story(community_id=ctx.community_id, member_id=ctx.member_id, number=0)
    for name, text in texts.items():  # never saved: only shown
        setattr(draft, name, text)
    title = rich("Not saved: ", UserText(draft.title))
    closing = Card(footer="Copy what you wrote from here; it was not saved.")
    cards = story_cards(draft, title, closing)
    notice = Message(Card(text=reason + " Your story is below, to copy."), Visibility.EPHEMERAL)
    return Reply([notice, *(Message(card, Visibility.EPHEMERAL) for card in cards)])
