"""The reviewer's buttons on nudges: take an offered story, or hand a held one back."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError
from bot.core.cards import Reply
from bot.core.story_nudges import needs_reviewers
from bot.features.story.review import review_reply
from bot.features.story.rows import GONE, candidate_of, story_id, to_int
from bot.features.story.store import StoryStore
from bot.features.story.tables import Story, StoryReview

ROUTES = Registry()

TAKEN = (
    "Thanks! This story already has its reviewers, so it no longer needs you. "
    "`/story review` finds you another one that waits."
)


def _live(store: StoryStore, raw_id: str) -> Story:
    story = store.story(to_int(raw_id))
    if story is None or story.deleted_at is not None or story.ready_at is None:
        raise UserError(GONE)
    return story


@ROUTES.action("story.claim")
def take_offered(ctx: Ctx, value: str) -> Reply:
    """Take a story offered by direct message, if it still needs a reviewer."""
    store = ctx.store(StoryStore)
    story = _live(store, value)
    if story.member_id == ctx.member_id:
        raise UserError("That is your own story: its reviews come from others.")
    row = store.assignment(story_id(story), ctx.member_id)
    if row is not None and row.status == "done":
        raise UserError("You already reviewed this story. Thank you!")
    if row is not None and row.status == "skipped":
        raise UserError("You skipped this story. `/story review` gets you another.")
    if row is None:
        rows = store.reviews_of([story_id(story)])[story_id(story)]
        if not needs_reviewers(candidate_of(story, rows), store.reviews_wanted(), ctx.clock.now()):
            return Reply.note(TAKEN)
        row = StoryReview(
            community_id=ctx.community_id,
            story_id=story_id(story),
            reviewer_id=ctx.member_id,
            assigned_at=ctx.clock.now(),
        )
        store.add_review(row)
    row.taken_at = row.taken_at or ctx.clock.now()
    return review_reply(ctx, story)


@ROUTES.action("story.handback")
def hand_back(ctx: Ctx, value: str) -> Reply:
    """Give a held story back so that another reviewer can take it."""
    store = ctx.store(StoryStore)
    story = _live(store, value)
    row = store.assignment(story_id(story), ctx.member_id)
    if row is None or row.status != "open":
        return Reply.note("That story is no longer held for you. Nothing to hand back.")
    row.status = "skipped"  # not offered to them again; no day's skip spent (skipped_at unset)
    return Reply.note(
        "Handed back: the story waits for another reviewer. Thanks for saying so! "
        "`/story review` gets you one whenever you have time."
    )
