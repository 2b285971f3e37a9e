"""`/story`: write STAR stories for the Leadership Principles and get an automatic check."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import Args, Option, Registry
from bot.core.cards import Button, Card, Reply, Style
from bot.core.story import PRINCIPLE_IDS
from bot.features.story import coverage, feedback, forget, review, views
from bot.features.story.cards import heading
from bot.features.story.forget import erase_story
from bot.features.story.form import apply, decode, encode, picked, read_form, saved, story_modal
from bot.features.story.store import (
    next_number,
    own_story,
    principles_of,
    story_by_number,
    story_id,
)
from bot.features.story.tables import Story

ROUTES = Registry()

# The other halves of /story (and /profile forget) register themselves on import.
PARTS_OF_THE_FEATURE = (coverage, feedback, forget, review, views)

PRINCIPLE = Option("principle", "The Leadership Principle it shows", "choice", True, PRINCIPLE_IDS)
SECOND = Option("second", "A second principle it shows (optional)", "choice", False, PRINCIPLE_IDS)
NEW_PRINCIPLE = Option(
    "principle", "Change its principle (optional)", "choice", False, PRINCIPLE_IDS
)
STORY = Option("story", "Your story's number (see /story mine)", "int", True, min_value=1)


@ROUTES.command_untyped(
    "story", "new", "Write a STAR story for a Leadership Principle", PRINCIPLE, SECOND
)
def new_story(_ctx: Ctx, args: Args) -> Reply:
    return Reply.open(story_modal("story.new", encode(picked(args))))


@ROUTES.submit("story.new")
def save_new(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    pids = decode(value)
    texts = read_form(fields)
    story = Story(
        community_id=ctx.community_id,
        member_id=ctx.member_id,
        number=next_number(ctx),
        principles=",".join(pids),
        created_at=ctx.clock.now(),
    )
    apply(ctx, story, texts)
    return saved(ctx, story, "saved")


@ROUTES.command_untyped("story", "edit", "Edit one of your stories", STORY, NEW_PRINCIPLE, SECOND)
def edit_story(ctx: Ctx, args: Args) -> Reply:
    story = story_by_number(ctx, args["story"])
    chosen = picked(args)
    if chosen and "principle" not in args:  # only `second:` given: keep the first principle
        chosen = tuple(dict.fromkeys(principles_of(story)[:1] + chosen))
    value = f"{story_id(story)}:{encode(chosen)}" if chosen else str(story_id(story))
    return Reply.open(story_modal("story.edit", value, story))


@ROUTES.action("story.edit")
def edit_from_button(ctx: Ctx, value: str) -> Reply:
    story = own_story(ctx, value)
    return Reply.open(story_modal("story.edit", str(story_id(story)), story))


@ROUTES.submit("story.edit")
def save_edit(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    raw_id, _, raw_principles = value.partition(":")
    story = own_story(ctx, raw_id)
    texts = read_form(fields)
    if raw_principles:
        story.principles = ",".join(decode(raw_principles))
    apply(ctx, story, texts)
    return saved(ctx, story, "updated")


@ROUTES.command_untyped("story", "delete", "Delete one of your stories for good", STORY)
def ask_delete(ctx: Ctx, args: Args) -> Reply:
    story = story_by_number(ctx, args["story"])
    number = story.number
    confirm = Button(f"Delete story #{number}", "story.delete", str(story_id(story)), Style.DANGER)
    text = (
        "Its text and its reviews are deleted for good; points already earned stay. "
        "Nothing happens unless you press the button."
    )
    return Reply.ephemeral(
        Card(heading(f"Delete story #{number}", story), text, buttons=(confirm,))
    )


@ROUTES.action("story.delete")
def delete_story(ctx: Ctx, value: str) -> Reply:
    story = own_story(ctx, value)
    erase_story(ctx, story)
    return Reply.note(
        f"Story #{story.number} is deleted, with its reviews. Points you earned stay."
    )
