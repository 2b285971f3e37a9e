"""`/story review`: hand out the story that waited longest, take the rubric, tell the author."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError
from bot.core.cards import Button, Card, Input, Message, Modal, Reply, Style, rich
from bot.core.points import POINTS, Reason
from bot.core.story_review import SUBSTANTIVE_CHARS, ScoreError, is_substantive, parse_scores
from bot.features.story.cards import heading, quoted, rubric_text, story_cards
from bot.features.story.feedback import notice, thanks
from bot.features.story.principles import names, principle
from bot.features.story.rows import GONE, principles_of, story_id, to_int
from bot.features.story.skips import OUT_OF_SKIPS, skips_left, skips_text
from bot.features.story.store import StoryStore
from bot.features.story.tables import Story, StoryReview

ROUTES = Registry()

COMMENT_LIMIT = 1500
NOTHING_WAITING = (
    "No story is waiting for a review right now: the waiting ones are yours, ones you already "
    "reviewed, or already have their reviews. Thanks for offering! Try again later, or write "
    "your own with `/story new`."
)
NOT_YOURS = "That story is not assigned to you. `/story review` gets you one."


def _worth_doing(store: StoryStore, row: StoryReview, wanted: int) -> Story | None:
    """Return the story of an open assignment if it is still live and short of reviews."""
    story = store.story(row.story_id)
    if story is None or story.ready_at is None or story.deleted_at is not None:
        return None
    done = store.done_reviews([row.story_id])[row.story_id]
    return story if len(done) < wanted else None


def _current(ctx: Ctx, wanted: int) -> tuple[Story, StoryReview] | None:
    """Return the caller's open assignment if it is still worth doing; release it otherwise."""
    store = ctx.store(StoryStore)
    for row in store.open_assignments(ctx.member_id):
        story = _worth_doing(store, row, wanted)
        if story is None:
            store.release(row)
            continue
        return story, row
    return None


def _assign(ctx: Ctx) -> tuple[Story, StoryReview] | None:
    """Hand back the caller's open assignment, or assign the story the review rule picks.

    The pick reads ids and times only (StoryStore.pick_for_review); one story's text is read.
    """
    store = ctx.store(StoryStore)
    wanted = store.reviews_wanted()
    current = _current(ctx, wanted)
    if current is not None:
        current[1].assigned_at = ctx.clock.now()
        return current
    chosen = store.pick_for_review(ctx.member_id, wanted=wanted, now=ctx.clock.now())
    story = store.story(chosen) if chosen is not None else None
    if story is None:
        return None
    row = StoryReview(
        community_id=ctx.community_id,
        story_id=story_id(story),
        reviewer_id=ctx.member_id,
        assigned_at=ctx.clock.now(),
    )
    store.add_review(row)
    return story, row


def offer_reply(ctx: Ctx, story: Story) -> Reply:
    """Offer a story by its title and principles only: the rest is shown once it is taken."""
    left = skips_left(ctx)
    text = (
        f"**Principles:** {names(principles_of(story))}\n\n"
        "Take it to read the whole story and score it with a rubric; your review goes "
        f"privately to the author. {skips_text(left)}"
    )
    value = str(story_id(story))
    take = Button("Take it", "story.take", value, Style.PRIMARY)
    skip = (Button("Skip this one", "story.skip", value),) if left else ()
    return Reply.ephemeral(Card(heading("Review this story", story), text, buttons=(take, *skip)))


def review_reply(ctx: Ctx, story: Story) -> Reply:
    """The story and the rubric, privately, with the buttons to review or skip it."""
    probes = [
        f"**{principle(p).name}:** {principle(p).probes[0]}"
        for p in principles_of(story)
        if principle(p).probes
    ]
    points = POINTS[Reason.STORY_REVIEW]
    text = "\n".join(
        [
            rubric_text(),
            "",
            "Interviewers probe for this:" if probes else "",
            *probes,
            "",
            "Your review goes privately to the author. Comments of "
            f"{SUBSTANTIVE_CHARS}+ characters earn {points} points.",
        ]
    )
    value = str(story_id(story))
    write = Button("Write review", "story.review", value, Style.PRIMARY)
    skip = (Button("Skip this one", "story.skip", value),) if skips_left(ctx) else ()
    last = Card(title="How to score it", text=text, buttons=(write, *skip))
    cards = story_cards(story, heading("Review this story", story), last)
    return Reply([Message(card) for card in cards])


@ROUTES.command("story", "review", "Review a peer's story privately, with a rubric")
def request_review(ctx: Ctx, _: NoOptions) -> Reply:
    """Hand the caller a peer's story to review, or say none is waiting."""
    assigned = _assign(ctx)
    if assigned is None:
        return Reply.note(NOTHING_WAITING)
    story, row = assigned
    return offer_reply(ctx, story) if row.taken_at is None else review_reply(ctx, story)


@ROUTES.action("story.next")
def next_review(ctx: Ctx, _value: str) -> Reply:
    """Hand the caller the next story to review."""
    return request_review(ctx, NoOptions())


@ROUTES.action("story.take")
def take(ctx: Ctx, value: str) -> Reply:
    """Show the offered story whole, with the rubric."""
    story, row = _open_slot(ctx, value)
    row.taken_at = row.taken_at or ctx.clock.now()
    return review_reply(ctx, story)


def _open_slot(ctx: Ctx, raw_id: str) -> tuple[Story, StoryReview]:
    """Return the story and the caller's open assignment for it, or say why not."""
    store = ctx.store(StoryStore)
    story = store.story(to_int(raw_id))
    if story is None or story.deleted_at is not None:
        raise UserError(GONE)
    row = store.assignment(story_id(story), ctx.member_id)
    if row is None:
        raise UserError(NOT_YOURS)
    if row.status == "done":
        raise UserError("You already reviewed this story. Thank you!")
    if row.status == "skipped":
        raise UserError("You skipped this story. `/story review` gets you another.")
    return story, row


@ROUTES.action("story.skip")
def skip(ctx: Ctx, value: str) -> Reply:
    """Skip the assigned story (within the day's skips) and hand out the next."""
    _, row = _open_slot(ctx, value)
    if not skips_left(ctx):
        raise UserError(OUT_OF_SKIPS)
    row.status, row.skipped_at = "skipped", ctx.clock.now()
    ctx.store(StoryStore).flush()
    return request_review(ctx, NoOptions())


@ROUTES.action("story.review")
def begin_review(ctx: Ctx, value: str) -> Reply:
    """Open the review form for the assigned story."""
    story, _ = _open_slot(ctx, value)
    scores = Input(
        "scores",
        "Scores 1-4: STAR specific owner result fit",
        20,
        multiline=False,
        placeholder="e.g. 3 4 2 3 4 (STAR, specificity, ownership, measurable result, fit)",
    )
    comments = Input(
        "comments",
        "Comments: what works, what to change",
        COMMENT_LIMIT,
        required=False,
        placeholder=f"Be specific and kind. {SUBSTANTIVE_CHARS}+ characters earn points.",
    )
    return Reply.open(
        Modal("Review the story", "story.review", str(story_id(story)), (scores, comments))
    )


def _refuse(message: str, comments: str) -> UserError:
    """A refusal that hands the reviewer's comments back, so nothing they wrote is lost."""
    if not comments.strip():
        return UserError(message)
    keep = rich(message, "\n\nYour comments, to paste again:\n", *quoted(comments).parts)
    return UserError(keep)


@ROUTES.submit("story.review")
def save_review(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    """Save a review, award its points and send the author the feedback."""
    comments = (fields.get("comments") or "").strip()
    try:
        story, row = _open_slot(ctx, value)
        scores = parse_scores(fields.get("scores") or "")
    except (UserError, ScoreError) as error:
        raise _refuse(str(error), comments) from None
    if len(comments) > COMMENT_LIMIT:
        limit = f"Your comments are {len(comments):,} characters; the limit is {COMMENT_LIMIT:,}."
        raise _refuse(limit, comments)
    for name, score in scores.items():
        setattr(row, name, score)
    row.comments, row.status, row.reviewed_at = comments, "done", ctx.clock.now()
    store = ctx.store(StoryStore)
    store.flush()
    points = (
        store.award(ctx, Reason.STORY_REVIEW, f"story-review:{story.id}")
        if is_substantive(comments)
        else 0
    )
    return Reply([thanks(story, comments, points), *notice(ctx, story, row)])
