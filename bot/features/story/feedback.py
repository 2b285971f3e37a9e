"""The author's side of a review: the private notice with the feedback, and Helpful."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError
from bot.core.cards import Button, Card, Field, Message, Reply, Style, UserText, Visibility, rich
from bot.core.points import POINTS, Reason
from bot.core.story_review import SUBSTANTIVE_CHARS
from bot.features.story.cards import heading, quoted, scores_line
from bot.features.story.rows import to_int
from bot.features.story.states import all_in
from bot.features.story.store import StoryStore
from bot.features.story.tables import Story, StoryReview

ROUTES = Registry()


def thanks(story: Story, comments: str, points: int) -> Message:
    """The reviewer's private thanks, with the points or why there were none."""
    note = (
        f"+{points} points."
        if points
        else (
            f"Reviews earn points when the comments are at least {SUBSTANTIVE_CHARS} characters "
            f"(yours: {len(comments)})."
        )
    )
    title = rich("Thanks! Your review of ", UserText(story.title), " is on its way to the author.")
    more = Button("Review another", "story.next", "", Style.PRIMARY)
    return Message(Card(title=title, text=note, buttons=(more,)))


def notice(ctx: Ctx, story: Story, row: StoryReview) -> list[Message]:
    """The author's private message with the feedback and a Helpful button."""
    author = ctx.store(StoryStore).member(story.member_id)
    if author is None:
        return []
    who = UserText(ctx.member.display_name or "A member")
    summary = all_in(ctx, story)
    text = rich("**", who, "** reviewed it:\n", *quoted(row.comments or "(no comments)").parts)
    card = Card(
        title=heading(f"New review of your story #{story.number}", story),
        text=text,
        fields=(Field("Scores", scores_line(row)), *([summary] if summary else [])),
        buttons=(Button("Helpful", "story.helpful", str(row.id), Style.PRIMARY),),
        footer=f"Helpful gives the reviewer {POINTS[Reason.REVIEW_HELPFUL]} bonus points.",
    )
    return [Message(card, Visibility.DIRECT, to_member=author.external_id)]


@ROUTES.action("story.helpful")
def mark_helpful(ctx: Ctx, value: str) -> Reply:
    """Mark a review of the caller's story helpful; the reviewer gets bonus points once."""
    store = ctx.store(StoryStore)
    review = store.review(to_int(value))
    story = store.story(review.story_id) if review is not None else None
    if review is None or story is None:
        raise UserError("That review is no longer available: its story was deleted.")
    if story.member_id != ctx.member_id:
        raise UserError("Only the story's author can mark its review helpful.")
    if review.helpful:
        return Reply.note("You already marked this review helpful. Thanks!")
    review.helpful = True
    reviewer = store.member(review.reviewer_id)
    if reviewer is None:
        return Reply.note("Thanks! The reviewer has since left, so no points went to them.")
    points = store.award(ctx, Reason.REVIEW_HELPFUL, f"story-helpful:{review.id}", reviewer.id)
    name = reviewer.display_name or "The reviewer"
    return Reply.note(
        rich("Thanks! ", UserText(name), f" gets +{points} points for a helpful review.")
    )
