"""Read a Reply as a member would: every title, text, footer and field, as plain text."""

from __future__ import annotations

from bot.core.cards import Reply, plain


def reply_text(reply: Reply) -> str:
    """Join everything a member sees in a reply's cards."""
    parts = []
    for message in reply.messages:
        card = message.card
        parts += [plain(card.title), plain(card.text), plain(card.footer)]
        parts += [f"{plain(f.name)}: {plain(f.value)}" for f in card.fields]
    return "\n".join(parts)
