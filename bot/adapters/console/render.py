"""Render cards as terminal text."""

from __future__ import annotations

import re

from bot.core.cards import Card, Message, Rich, Text, UserText, Visibility

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x1b]")


def text(value: Text) -> str:
    """Show member text literally (control characters made harmless) and markup plainly."""
    parts = value.parts if isinstance(value, Rich) else (value,)
    return "".join(
        _CONTROL.sub("\N{REPLACEMENT CHARACTER}", p) if isinstance(p, UserText) else _plain(p)
        for p in parts
    )


def _plain(markup: str) -> str:
    return markup.replace("**", "")


def card(shown: Card, first_button: int = 1) -> list[str]:
    """Lines for one card, buttons numbered from first_button."""
    lines = [f"┌ {text(shown.title)}"] if shown.title else ["┌"]
    lines += [f"│ {line}" for line in text(shown.text).splitlines() if shown.text]
    for item in shown.fields:
        value = text(item.value).splitlines() or [""]
        lines.append(f"│ {text(item.name)}: {value[0]}")
        lines += [f"│   {more}" for more in value[1:]]
    if shown.buttons:
        labels = [f"[{n}] {b.label}" for n, b in enumerate(shown.buttons, start=first_button)]
        lines.append("│ " + "  ".join(labels) + "   (press with /press N)")
    lines.append(f"└ {text(shown.footer)}" if shown.footer else "└")
    return lines


def message(shown: Message, first_button: int = 1) -> str:
    """A card with a line that says who sees it."""
    where = {
        Visibility.CHANNEL: f"#{shown.channel or 'study'}",
        Visibility.EPHEMERAL: "only you see this",
        Visibility.DIRECT: f"direct message to {shown.to_member or 'you'}",
    }[shown.visibility]
    return "\n".join([f"  ({where})", *card(shown.card, first_button)])
