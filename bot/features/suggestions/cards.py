"""The suggestions feature's cards; every piece of member text goes in as UserText."""

from __future__ import annotations

from typing import Any

from bot.core.cards import Button, Card, Field, Style, UserText, rich
from bot.core.vocabulary import CATEGORY_NAMES, ROUND_NAMES
from bot.features.suggestions.tables import Suggestion


def bullets(items: list[Any]) -> UserText:
    """Entries one a line, shown literally."""
    return UserText("\n".join(f"• {item}" for item in items))


def keys_line(fields: dict[str, Any]) -> str:
    """ "Coding & algorithms · Phone screen · easy"."""
    rounds = ", ".join(ROUND_NAMES.get(r, r) for r in fields.get("rounds", ()))
    category = CATEGORY_NAMES.get(fields.get("category", ""), "")
    return f"{category} · {rounds} · {fields.get('difficulty', '')}"


def review_card(suggestion: Suggestion, author: str, waiting: int) -> Card:
    """One suggestion as an admin reviews it, with Approve, Edit and Deny."""
    fields = suggestion.fields
    value = str(suggestion.id)
    more = f" · {waiting - 1} more after this one" if waiting > 1 else ""
    return Card(
        title=rich("Suggested question: ", UserText(fields.get("title", ""))),
        text=UserText(fields.get("prompt", "")),
        fields=(
            Field("Suggested by", UserText(author), inline=True),
            Field("Kind", keys_line(fields), inline=True),
            Field("Hints", bullets(fields.get("hints", []))),
            Field("What a strong answer covers", bullets(fields.get("strong_answer", []))),
        ),
        buttons=(
            Button("Approve", "sg.approve", value, Style.PRIMARY),
            Button("Edit", "sg.edit", value),
            Button("Deny", "sg.deny", value, Style.DANGER),
        ),
        footer=f"Oldest first{more} · the member hears the decision by direct message",
    )


def decision_card(suggestion: Suggestion, points: int) -> Card:
    """What the author is told when their suggestion is approved."""
    gained = f" +{points} points." if points else ""
    return Card(
        title=rich("Your question was approved: ", UserText(suggestion.fields.get("title", ""))),
        text=(
            "It joins this community's question bank and can come up as a question of the day "
            f"or in practice, credited to you.{gained}"
        ),
    )


def denial_card(suggestion: Suggestion) -> Card:
    """What the author is told when their suggestion is denied, with the admin's reason."""
    return Card(
        title=rich("Your suggested question was not added: ", UserText(suggestion.fields["title"])),
        text=rich("The reason an admin gave:\n> ", UserText(suggestion.reason)),
        footer="You can send a new version with `/question suggest`.",
    )
