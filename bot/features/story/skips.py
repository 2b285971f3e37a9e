"""How many stories a reviewer may still skip today, in their own time zone."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.core.story_review import SKIPS_PER_DAY, day_start
from bot.core.words import plural
from bot.features.story.store import StoryStore


def skips_left(ctx: Ctx) -> int:
    """Return how many skips the caller has left today (their zone, else the community's)."""
    since = day_start(ctx.clock.now(), ctx.member.timezone or ctx.community.timezone)
    used = ctx.store(StoryStore).skips_since(ctx.member_id, since)
    return max(SKIPS_PER_DAY - used, 0)


def skips_text(left: int) -> str:
    """Say how many skips are left today."""
    if not left:
        return "You have no skips left today."
    return f"You can skip {plural(left, 'more story', 'more stories')} today."


OUT_OF_SKIPS = (
    f"You have used your {SKIPS_PER_DAY} skips for today, so this story stays yours: take it and "
    "review it, or leave it for now. Skips come back at midnight in your time zone."
)
