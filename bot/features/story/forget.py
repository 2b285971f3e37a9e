"""Deleting stories, and the story part of `/profile forget`."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.feature import Forgotten
from bot.core.words import plural
from bot.features.story.rows import blank, story_id
from bot.features.story.store import StoryStore
from bot.features.story.store.nudges import NudgeStore
from bot.features.story.tables import Story


def erase_story(ctx: Ctx, story: Story) -> None:
    """Blank a story for good and drop its reviews; the empty row keeps its number taken."""
    blank(story, "title", "principles", *("situation", "task", "action", "result"))
    story.ready_at = None
    story.deleted_at = story.updated_at = ctx.clock.now()
    ctx.store(StoryStore).drop_reviews_of(story_id(story))
    ctx.store(NudgeStore).drop_offers(story_ids=[story_id(story)])


def forget(ctx: Ctx) -> Forgotten:
    """Delete the caller's stories and unname their reviews; say how many of each."""
    store = ctx.store(StoryStore)
    mine = [story_id(s) for s in store.all_stories_of(ctx.member_id)]
    ctx.store(NudgeStore).drop_offers(story_ids=mine, reviewer_id=ctx.member_id)
    stories = store.forget_stories_of(ctx.member_id)
    reviews = store.forget_reviews_by(ctx.member_id)
    counted = (
        (stories, plural(stories, "story", "stories")),
        (reviews, f"the comments of {plural(reviews, 'story review')} you wrote"),
    )
    return Forgotten(tuple(words for count, words in counted if count))
