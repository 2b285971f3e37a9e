"""What an author is told about reviews: each story's state, the wait, all reviews in."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.core.cards import Field
from bot.core.story_nudges import RECENT, expected_wait, needs_reviewers, state_text
from bot.core.story_review import average
from bot.features.story.cards import criteria_text
from bot.features.story.rows import candidate_of, scores, story_id
from bot.features.story.store import StoryStore
from bot.features.story.tables import Story


def states(ctx: Ctx, stories: list[Story]) -> dict[int, str]:
    """Each ready story's state by id: waiting, in review by 1, reviewed 2/2 (with the average)."""
    store = ctx.store(StoryStore)
    ready = [s for s in stories if s.ready_at is not None]
    rows = store.reviews_of([story_id(s) for s in ready])
    wanted, now = store.reviews_wanted(), ctx.clock.now()
    found: dict[int, str] = {}
    for story in ready:
        mine = rows[story_id(story)]
        state = state_text(candidate_of(story, mine), wanted, now)
        mean = average(scores(r) for r in mine if r.status == "done")
        found[story_id(story)] = state + (f" · average {mean:.1f}/4" if mean is not None else "")
    return found


def wait_text(ctx: Ctx, story: Story) -> str:
    """How long the author may expect to wait, from recent review times.

    An estimate: read beside the unit of work (Ctx.beside), so that saving a story does not
    lose races to every review being written meanwhile.
    """
    now = ctx.clock.now()
    with ctx.beside(StoryStore) as store:
        others = [c for c in store.waiting() if c.story_id != story.id]  # ids and times only
        wanted = store.reviews_wanted()
        ahead = sum(needs_reviewers(candidate, wanted, now) for candidate in others)
        return expected_wait(store.first_review_waits(now - RECENT), ahead)


def all_in(ctx: Ctx, story: Story) -> Field | None:
    """When a story just got the last review it wanted: the averages, for the author."""
    store = ctx.store(StoryStore)
    done = store.done_reviews([story_id(story)])[story_id(story)]
    wanted = store.reviews_wanted()
    if len(done) != wanted:
        return None
    mean = average(scores(r) for r in done)
    name = f"All {wanted} reviews are in" if wanted > 1 else "Your review is in"
    return Field(name, f"Average {mean:.1f}/4 · {criteria_text(done)}")
