"""The suggestions part of `/profile forget`: suggestions go, approved questions lose the name."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.core.words import plural
from bot.features.suggestions.store import SuggestionStore


def forget(ctx: Ctx) -> Forgotten:
    """Delete the caller's suggestions; their approved questions stay in the bank, unnamed."""
    deleted, unnamed = ctx.store(SuggestionStore).forget_member(ctx.member_id)
    erased = (plural(deleted, "question suggestion"),) if deleted else ()
    notes: tuple[str, ...] = ()
    if unnamed:
        notes = (
            f"{plural(unnamed, 'question')} you suggested {'stays' if unnamed == 1 else 'stay'} "
            "in this community's bank, no longer credited to you.",
        )
    return Forgotten(erased, notes=notes)
