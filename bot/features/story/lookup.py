"""Finding the caller's own story by the number they typed or the button they pressed."""

from __future__ import annotations

from typing import Any

from bot.app.context import Ctx
from bot.app.registry import UserError, option
from bot.features.story.rows import to_int
from bot.features.story.store import StoryStore
from bot.features.story.tables import Story


def number_option() -> Any:
    """The `story:` option of the commands that name one of the caller's stories."""
    return option("Your story's number (see /story mine)", "int", required=True, min_value=1)


def own_story(ctx: Ctx, raw_id: str) -> Story:
    """Return the caller's live story named by a button or form value."""
    story = ctx.store(StoryStore).story(to_int(raw_id))
    if story is None or story.member_id != ctx.member_id:
        raise UserError("That story is not one of yours. `/story mine` lists yours.")
    if story.deleted_at is not None:
        raise UserError(f"Story #{story.number} was deleted.")
    return story


def story_by_number(ctx: Ctx, number: int) -> Story:
    """Return the caller's live story by the number they know it by."""
    story = ctx.store(StoryStore).numbered(ctx.member_id, number)
    if story is None:
        raise UserError(f"You have no story #{number}. `/story mine` lists yours.")
    if story.deleted_at is not None:
        raise UserError(f"Story #{number} was deleted.")
    return story
