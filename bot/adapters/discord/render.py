"""Render the message model as Discord text and embeds, truncated to Discord's limits."""

from __future__ import annotations

from dataclasses import dataclass

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.core.cards import Card, Mention, Rich, Text, UserText, plain

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
FIELD_COUNT_LIMIT = 25
ELLIPSIS = "…"
BLANK = "\u200b"  # Discord rejects empty field names and values
COLOUR = discord.Colour(0x2F80ED)


def escape(member_text: str) -> str:
    """Show member text literally: no mention, no markdown, no `<…>` tag."""
    return escape_markdown(escape_mentions(member_text)).replace("<", "\\<")


def mention(user_id: str) -> str:
    """Mention one member by id (anything else is shown literally)."""
    return f"<@{user_id}>" if user_id.isdigit() else escape(user_id)


def text(value: Text) -> str:
    """Render trusted markup as is, member text escaped and mentions as `<@id>`."""
    parts = value.parts if isinstance(value, Rich) else (value,)
    return "".join(_part(part) for part in parts)


def _part(part: str) -> str:
    if isinstance(part, Mention):
        return mention(part)
    if isinstance(part, UserText):
        return escape(part)
    return part


def truncate(value: str, limit: int) -> str:
    """Cut text to at most `limit` characters, ending with "…" when cut."""
    if len(value) <= limit:
        return value
    if limit <= 0:
        return ""
    return value[: limit - 1] + ELLIPSIS


@dataclass
class _Budget:
    """What is left of the 6000 characters an embed may hold."""

    left: int = EMBED_TOTAL_LIMIT

    def take(self, value: str, limit: int) -> str:
        shown = truncate(value, min(limit, self.left))
        self.left -= len(shown)
        return shown


def embed(card: Card) -> discord.Embed:
    """Build the embed for a card; over-long parts are truncated, never rejected."""
    budget = _Budget()
    title = budget.take(text(card.title), TITLE_LIMIT)
    description = budget.take(text(card.text), DESCRIPTION_LIMIT)
    shown = discord.Embed(title=title or None, description=description or None, colour=COLOUR)
    for field in card.fields[:FIELD_COUNT_LIMIT]:
        name = budget.take(text(field.name) or BLANK, FIELD_NAME_LIMIT)
        value = budget.take(text(field.value) or BLANK, FIELD_VALUE_LIMIT)
        if not name or not value:
            break
        shown.add_field(name=name, value=value, inline=field.inline)
    footer = budget.take(plain(card.footer), FOOTER_LIMIT)  # footers show no markdown
    if footer:
        shown.set_footer(text=footer)
    if not (title or description or shown.fields or footer):
        shown.description = BLANK
    return shown
