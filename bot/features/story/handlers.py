"""`/story`: write STAR stories for the Leadership Principles and get an automatic check."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError, option
from bot.core.cards import Button, Card, Reply, Style
from bot.core.story import PRINCIPLE_IDS
from bot.features.story.cards import heading
from bot.features.story.forget import erase_story
from bot.features.story.form import apply, decode, encode, picked, read_form, saved, story_modal
from bot.features.story.full import full_text, handed_back
from bot.features.story.lookup import number_option, own_story, story_by_number
from bot.features.story.rows import principles_of, story_id
from bot.features.story.store import StoryStore
from bot.features.story.tables import Story

ROUTES = Registry()
SECOND_HELP = "A second principle it shows (optional)"


@dataclass(frozen=True, kw_only=True)
class NewOptions:
    """`/story new principle:<id> [second:<id>]`."""

    principle: str = option(
        "The Leadership Principle it shows", "choice", required=True, choices=PRINCIPLE_IDS
    )
    second: str | None = option(SECOND_HELP, "choice", choices=PRINCIPLE_IDS)


@ROUTES.command("story", "new", "Write a STAR story for a Leadership Principle", NewOptions)
def new_story(ctx: Ctx, options: NewOptions) -> Reply:
    """Open the story form for the chosen principles, unless the caller has all they may keep."""
    cap = ctx.store(StoryStore).story_cap()
    if ctx.store(StoryStore).live_count(ctx.member_id) >= cap:
        raise UserError(full_text(cap))
    chosen = picked(options.principle, options.second)
    return Reply.open(story_modal("story.new", encode(chosen)))


@ROUTES.submit("story.new")
def save_new(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    """Save a new story from its form and show the automatic check."""
    pids = decode(value)
    texts = read_form(fields)
    cap = ctx.store(StoryStore).story_cap()
    if ctx.store(StoryStore).live_count(ctx.member_id) >= cap:
        return handed_back(ctx, texts, full_text(cap))
    story = Story(
        community_id=ctx.community_id,
        member_id=ctx.member_id,
        number=ctx.store(StoryStore).next_number(ctx.member_id),
        principles=",".join(pids),
        created_at=ctx.clock.now(),
    )
    apply(ctx, story, texts)
    return saved(ctx, story, "saved")


@dataclass(frozen=True, kw_only=True)
class EditOptions:
    """`/story edit story:<n> [principle:<id>] [second:<id>]`."""

    story: int = number_option()
    principle: str | None = option(
        "Change its principle (optional)", "choice", choices=PRINCIPLE_IDS
    )
    second: str | None = option(SECOND_HELP, "choice", choices=PRINCIPLE_IDS)


@ROUTES.command("story", "edit", "Edit one of your stories", EditOptions)
def edit_story(ctx: Ctx, options: EditOptions) -> Reply:
    """Open the caller's story in its form, with new principles if given."""
    story = story_by_number(ctx, options.story)
    chosen = picked(options.principle, options.second)
    if chosen and options.principle is None:  # only `second:` given: keep the first principle
        chosen = tuple(dict.fromkeys(principles_of(story)[:1] + chosen))
    value = f"{story_id(story)}:{encode(chosen)}" if chosen else str(story_id(story))
    return Reply.open(story_modal("story.edit", value, story))


@ROUTES.action("story.edit")
def edit_from_button(ctx: Ctx, value: str) -> Reply:
    """Open the caller's story in its form from its Edit button."""
    story = own_story(ctx, value)
    return Reply.open(story_modal("story.edit", str(story_id(story)), story))


@ROUTES.submit("story.edit")
def save_edit(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    """Save an edited story and show the automatic check."""
    raw_id, _, raw_principles = value.partition(":")
    story = own_story(ctx, raw_id)
    texts = read_form(fields)
    if raw_principles:
        story.principles = ",".join(decode(raw_principles))
    apply(ctx, story, texts)
    return saved(ctx, story, "updated")


@dataclass(frozen=True, kw_only=True)
class DeleteOptions:
    """`/story delete story:<n>`."""

    story: int = number_option()


@ROUTES.command("story", "delete", "Delete one of your stories for good", DeleteOptions)
def ask_delete(ctx: Ctx, options: DeleteOptions) -> Reply:
    """Ask before deleting one of the caller's stories."""
    story = story_by_number(ctx, options.story)
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
    """Delete the caller's story for good, with its reviews."""
    story = own_story(ctx, value)
    erase_story(ctx, story)
    return Reply.note(
        f"Story #{story.number} is deleted, with its reviews. Points you earned stay."
    )
