"""`/story coverage`: the member's map of the 16 principles, as text and as a picture."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry
from bot.core.cards import Attachment, Button, Card, Field, Reply, Style
from bot.core.story import PRINCIPLE_IDS
from bot.core.story_coverage import STATUS_MARKS, STATUS_NAMES, Cell, Coverage, StoryFacts, coverage
from bot.core.story_review import average
from bot.features.story.form import story_modal
from bot.features.story.picture import coverage_png
from bot.features.story.principles import principle
from bot.features.story.rows import principles_of, scores, star_of, story_id, to_int
from bot.features.story.store import StoryStore

ROUTES = Registry()

PICTURE = "lp-coverage.png"


def member_coverage(ctx: Ctx) -> Coverage:
    """Compute the caller's coverage from their live stories and the reviews of them."""
    store = ctx.store(StoryStore)
    stories = store.stories_of(ctx.member_id)
    reviews = store.done_reviews(story_id(s) for s in stories)
    facts = [
        StoryFacts(
            s.number,
            principles_of(s),
            star_of(s).complete(),
            average(scores(r) for r in reviews[story_id(s)]),
        )
        for s in stories
    ]
    return coverage(facts)


def coverage_line(cell: Cell) -> str:
    """One principle's line of the text map."""
    name = principle(cell.principle).name
    detail = STATUS_NAMES[cell.status]
    if cell.stories:
        detail += " · " + ", ".join(f"#{n}" for n in cell.stories)
    if cell.best is not None:
        detail += f" · best {cell.best:.1f}/4"
    return f"{STATUS_MARKS[cell.status]} {name} — {detail}"


def coverage_card(shown: Coverage) -> Card:
    """The map as text (every platform) with the PNG attached (where it can be shown)."""
    nxt = principle(shown.suggestion)
    picture = Attachment(PICTURE, coverage_png(shown), "image/png", "Your LP coverage map")
    write = Button(
        f"Write for {nxt.name}"[:80], "story.write", str(PRINCIPLE_IDS.index(nxt.id)), Style.PRIMARY
    )
    return Card(
        title=f"Your Leadership Principle map: {shown.covered()} of 16 covered",
        text="\n".join(coverage_line(cell) for cell in shown.cells),
        fields=(Field("Write next", f"**{nxt.name}**: {shown.reason}."),),
        buttons=(write,),
        footer="Aim for a story for every principle, each with a measurable result.",
        files=(picture,),
    )


@ROUTES.command("story", "coverage", "Your map of the 16 principles and what to write next")
def show_coverage(ctx: Ctx, _: NoOptions) -> Reply:
    """Show the caller's map of the 16 principles, privately."""
    return Reply.ephemeral(coverage_card(member_coverage(ctx)))


@ROUTES.action("story.write")
def write_for(_ctx: Ctx, value: str) -> Reply:
    """Open the story form for the principle the map suggests."""
    index = to_int(value)
    if not 0 <= index < len(PRINCIPLE_IDS):
        return Reply.note("That button no longer works. Run `/story coverage` again.")
    return Reply.open(story_modal("story.new", str(index)))
