"""Showing stories: `/story mine`, `/story show`, sharing one, and the review setting."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, option
from bot.core.cards import Button, Card, Field, Message, Reply, Style, UserText, Visibility, rich
from bot.core.home import StoryLine
from bot.core.story import check_story
from bot.core.words import plural
from bot.features.story.cards import (
    check_text,
    criteria_text,
    heading,
    quoted,
    review_summary,
    speaking_field,
    story_cards,
)
from bot.features.story.lookup import number_option, own_story, story_by_number
from bot.features.story.principles import names, principle
from bot.features.story.rows import principles_of, star_of, story_id
from bot.features.story.states import states
from bot.features.story.store import StoryStore
from bot.features.story.tables import Story, StoryReview

ROUTES = Registry()

NO_STORIES = "You have no stories yet. Start one with `/story new principle:ownership`."
DRAFT = "draft: fill in all four parts to get reviews"


def story_lines(ctx: Ctx) -> list[StoryLine]:
    """The caller's live stories by number, each with its review state (as `/story mine`)."""
    stories = ctx.store(StoryStore).stories_of(ctx.member_id)
    found = states(ctx, stories)
    return [
        StoryLine(
            story.number,
            story.title,
            names(principles_of(story)),
            found.get(story_id(story), DRAFT),
        )
        for story in stories
    ]


@ROUTES.command("story", "mine", "Your stories, their reviews and scores (only you see it)")
def my_stories(ctx: Ctx, _: NoOptions) -> Reply:
    """List the caller's stories with their review status, privately."""
    lines = story_lines(ctx)
    if not lines:
        return Reply.note(NO_STORIES)
    parts: list[str] = []
    for line in lines:
        parts += [f"**#{line.number}** ", UserText(line.title)]
        parts += [f" — {line.principles} · {line.state}\n"]
    footer = "/story show story:N shows one · /story coverage maps all 16 principles"
    title = f"Your stories ({len(lines)})"
    return Reply.ephemeral(Card(title, rich(*parts), footer=footer))


def _review_card(ctx: Ctx, review: StoryReview, index: int) -> Card:
    reviewer = ctx.store(StoryStore).member(review.reviewer_id)
    who = UserText(reviewer.display_name or "A member") if reviewer else "A former member"
    text = rich(
        f"**Review {index}** by ", who, "\n", *quoted(review.comments or "(no comments)").parts
    )
    return Card(text=text)


def _show(ctx: Ctx, story: Story) -> Reply:
    store = ctx.store(StoryStore)
    reviews = store.done_reviews([story_id(story)])[story_id(story)]
    report = check_story(star_of(story), [principle(p) for p in principles_of(story)])
    fields = [
        speaking_field(report),
        Field("Reviews", review_summary(reviews, store.reviews_wanted())),
    ]
    if reviews:
        fields.append(Field("Scores by criterion", criteria_text(reviews)))
    value = str(story_id(story))
    buttons = [
        Button("Edit", "story.edit", value, Style.PRIMARY),
        Button("Share in channel", "story.share", value),
        *(
            Button(f"Review {n} was helpful", "story.helpful", str(r.id))
            for n, r in enumerate(reviews, start=1)
            if not r.helpful
        ),
    ]
    last = Card(
        text=check_text(report, names(principles_of(story))),
        fields=tuple(fields),
        buttons=tuple(buttons),
        footer=f"/story delete story:{story.number} deletes it",
    )
    cards = story_cards(story, heading(f"Story #{story.number}", story), last)
    cards[-1:-1] = [_review_card(ctx, r, n) for n, r in enumerate(reviews, start=1)]
    return Reply([Message(card) for card in cards])


@dataclass(frozen=True, kw_only=True)
class ShowOptions:
    """`/story show story:<n>`."""

    story: int = number_option()


@ROUTES.command("story", "show", "Show one of your stories with its check and reviews", ShowOptions)
def show_story(ctx: Ctx, options: ShowOptions) -> Reply:
    """Show one of the caller's stories by number, with its check and reviews."""
    return _show(ctx, story_by_number(ctx, options.story))


@ROUTES.action("story.show")
def show_from_button(ctx: Ctx, value: str) -> Reply:
    """Show the caller's story from its Show button."""
    return _show(ctx, own_story(ctx, value))


@ROUTES.action("story.share")
def share(ctx: Ctx, value: str) -> Reply:
    """Post the caller's story in the channel."""
    story = own_story(ctx, value)
    who = UserText(ctx.member.display_name or "A member")
    title = rich(who, " shares a story: ", UserText(story.title))
    closing = Card(footer="Shared by its author · write yours with /story new")
    cards = story_cards(story, title, closing)
    return Reply([Message(card, Visibility.CHANNEL) for card in cards])


@dataclass(frozen=True, kw_only=True)
class SettingsOptions:
    """`/story settings [reviews:<1-5>]`."""

    reviews: int | None = option(
        "Reviews each story wants (1 to 5)", "int", min_value=1, max_value=5
    )


@ROUTES.command(
    "story", "settings", "How many reviews each story wants", SettingsOptions, admin=True
)
def settings(ctx: Ctx, options: SettingsOptions) -> Reply:
    """Show or set how many reviews each story wants."""
    store = ctx.store(StoryStore)
    if options.reviews is not None:
        store.set_reviews_wanted(options.reviews)
        return Reply.note(f"Each story now wants {plural(options.reviews, 'review')}.")
    return Reply.note(
        f"Each story wants {plural(store.reviews_wanted(), 'review')}. Change it with "
        "`/story settings reviews:<1-5>`."
    )
