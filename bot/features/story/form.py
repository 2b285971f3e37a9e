"""The story form: its inputs, reading what was sent, saving it and showing the check."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import UserError
from bot.core.cards import Card, Field, Input, Modal, Reply, UserText, rich
from bot.core.story import PART_NAMES, PARTS, PRINCIPLE_IDS, check_story, is_missing
from bot.core.words import plural
from bot.features.story.cards import check_text, owner_buttons, speaking_field
from bot.features.story.points import award_story
from bot.features.story.principles import names, principle
from bot.features.story.rows import STALE, principles_of, star_of, to_int
from bot.features.story.states import wait_text
from bot.features.story.store import StoryStore
from bot.features.story.tables import Story

TITLE_LIMIT = 100
PART_LIMIT = 3000  # Slack's plain_text_input limit; Discord allows more, we keep one rule
LABELS = {
    "situation": "Situation: where, when, what was at stake",
    "task": "Task: what you were responsible for",
    "action": "Action: what YOU did, step by step",
    "result": "Result: what happened, with numbers",
}
HINTS = {
    "situation": "Two or three sentences of context.",
    "task": "Your goal or responsibility, in a sentence or two.",
    "action": 'The longest part. Say "I" for your own steps.',
    "result": "Numbers: time, money, percentages. Then what you learned.",
}


def story_modal(action: str, value: str, story: Story | None = None) -> Modal:
    """The form for a story: a title and the four STAR parts (five inputs, Discord's most)."""

    def box(name: str) -> Input:
        text = getattr(story, name) if story is not None else ""
        return Input(
            name, LABELS[name], PART_LIMIT, required=False, placeholder=HINTS[name], value=text
        )

    title = Input(
        "title",
        "Title (a few words you will recognise)",
        TITLE_LIMIT,
        multiline=False,
        placeholder="e.g. Cut inference cost by 40 %",
        value=story.title if story is not None else "",
    )
    return Modal("Your STAR story", action, value, (title, *(box(name) for name in PARTS)), "Save")


def picked(*chosen: str | None) -> tuple[str, ...]:
    """Return the chosen principle ids in order, without the ones not given or repeated."""
    return tuple(dict.fromkeys(pid for pid in chosen if pid))


def encode(pids: tuple[str, ...]) -> str:
    """Carry principles in a form value as short indexes (values must stay under 100 chars)."""
    return ",".join(str(PRINCIPLE_IDS.index(pid)) for pid in pids)


def decode(raw: str) -> tuple[str, ...]:
    """Read principles back from a form value, refusing anything forged."""
    indexes = [to_int(part) for part in raw.split(",") if part]
    if not indexes or len(indexes) > 2 or not all(0 <= i < len(PRINCIPLE_IDS) for i in indexes):
        raise UserError(STALE)
    return tuple(dict.fromkeys(PRINCIPLE_IDS[i] for i in indexes))


def read_form(fields: dict[str, str]) -> dict[str, str]:
    """Check the form's title and parts; refuse what cannot be saved, with the reason."""
    title = " ".join((fields.get("title") or "").split())
    if not title:
        raise UserError("Give your story a title, a few words you will recognise it by.")
    if len(title) > TITLE_LIMIT:
        raise UserError(f"The title is {len(title)} characters; the limit is {TITLE_LIMIT}.")
    texts = {name: (fields.get(name) or "").strip() for name in PARTS}
    for name, text in texts.items():
        if len(text) > PART_LIMIT:
            raise UserError(
                f"Your {PART_NAMES[name]} is {len(text):,} characters; the limit is "
                f"{PART_LIMIT:,}. Trim it and send it again; nothing was changed."
            )
    if all(is_missing(text) for text in texts.values()):
        raise UserError(
            "Your story is empty. Write at least one of Situation, Task, Action and Result; "
            "you can finish it later with `/story edit`."
        )
    return {"title": title, **texts}


def apply(ctx: Ctx, story: Story, texts: dict[str, str]) -> None:
    """Write the form into the story and mark it ready for review once all four parts exist."""
    for name, text in texts.items():
        setattr(story, name, text)
    story.updated_at = ctx.clock.now()
    if not star_of(story).complete():
        story.ready_at = None
    elif story.ready_at is None:
        story.ready_at = ctx.clock.now()
    ctx.store(StoryStore).save_story(story)


def saved(ctx: Ctx, story: Story, verb: str) -> Reply:
    """Show the author the automatic check of what they just saved, and award its points."""
    pids = principles_of(story)
    report = check_story(star_of(story), [principle(pid) for pid in pids])
    points, no_points = award_story(ctx, story=story, report=report)
    gained = f" +{points} points." if points else ""
    title = rich(f"Story #{story.number} {verb}: ", UserText(story.title), f".{gained}")
    wanted = ctx.store(StoryStore).reviews_wanted()
    waiting = (
        f"It goes to {plural(wanted, 'reviewer')}; their feedback reaches you by direct message. "
        + wait_text(ctx, story)
        if star_of(story).complete()
        else "Reviewers get it once all four parts are filled in."
    )
    fields = [speaking_field(report), Field("Reviews", waiting)]
    fields += [Field("Points", no_points)] if no_points else []
    text = check_text(report, names(pids))
    return Reply.ephemeral(Card(title, text, tuple(fields), owner_buttons(story)))
