"""The cards of the story feature; every piece of member text goes in as UserText."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.cards import Button, Card, Field, Rich, Style, UserText, rich
from bot.core.story import PART_NAMES, PARTS, CheckReport, Finding
from bot.core.story_review import CRITERIA, CRITERION_NAMES, RUBRIC, average, criterion_averages
from bot.core.words import plural
from bot.features.story.principles import names
from bot.features.story.rows import principles_of, scores, story_id
from bot.features.story.tables import Story, StoryReview

CARD_BUDGET = 3800  # characters of text per card: under Discord's 4096 with room for markup


def quoted(text: str) -> Rich:
    """Quote member text line by line, shown literally."""
    parts: list[str] = []
    for line in text.strip().splitlines() or [""]:
        parts += ["> ", UserText(line), "\n"]
    return rich(*parts[:-1])


def heading(prefix: str, story: Story) -> Rich:
    """A title like `Story #3: <title>` with the member's title shown literally."""
    return rich(f"{prefix}: ", UserText(story.title))


def _sections(story: Story) -> list[tuple[str, ...]]:
    sections: list[tuple[str, ...]] = [(f"**Principles:** {names(principles_of(story))}",)]
    for name in PARTS:
        body = getattr(story, name).strip() or "(empty)"
        sections.append((f"**{PART_NAMES[name]}**\n", UserText(body)))
    return sections


def story_cards(story: Story, title: Rich, last: Card) -> list[Card]:
    """Show a whole story, split over as many cards as its length needs; `last` closes it."""
    cards: list[list[str]] = [[]]
    used = 0
    for section in _sections(story):
        size = sum(len(part) for part in section) + 2
        if cards[-1] and used + size > CARD_BUDGET:
            cards.append([])
            used = 0
        cards[-1] += [*section, "\n\n"]
        used += size
    shown = [Card(text=rich(*parts[:-1])) for parts in cards]
    shown[0] = Card(title=title, text=shown[0].text)
    return [*shown, last]


def finding_text(finding: Finding) -> Rich:
    """One finding: what is wrong in bold, the suggestion, the member's words if quoted."""
    parts = ["• **", finding.message, "** ", finding.suggestion]
    if finding.quote:
        parts += ["\n", *quoted(finding.quote).parts]
    return rich(*parts)


def check_text(report: CheckReport, principle_names: str) -> Rich:
    """The automatic check as one text: advice, never a refusal."""
    if not report.findings:
        return rich(
            "**Automatic check: nothing to fix.** All four parts are there, the Action is yours, "
            f"the Result is measured and it shows {principle_names}."
        )
    count = len(report.findings)
    parts = [f"**Automatic check:** {plural(count, 'thing')} to improve "]
    parts.append("(advice only; your story is saved).\n")
    for finding in report.findings:
        parts += ["\n", *finding_text(finding).parts]
    return rich(*parts)


def speaking_field(report: CheckReport) -> Field:
    """The estimated speaking time against the 2–3 minute target."""
    return Field("Speaking time", f"about {report.speaking_time()} (aim for 2–3 min)", inline=True)


def owner_buttons(story: Story) -> tuple[Button, ...]:
    """Edit, Show and Share: the buttons only the author gets."""
    value = str(story_id(story))
    return (
        Button("Edit", "story.edit", value, Style.PRIMARY),
        Button("Show", "story.show", value),
        Button("Share in channel", "story.share", value),
    )


def review_summary(reviews: Sequence[StoryReview], wanted: int) -> str:
    """`1 of 2 reviews · average 3.2/4`."""
    mean = average(scores(r) for r in reviews)
    text = f"{len(reviews)} of {plural(wanted, 'review')}"
    return text + (f" · average {mean:.1f}/4" if mean is not None else "")


def criteria_text(reviews: Sequence[StoryReview]) -> str:
    """Each criterion's mean over the reviews, on one line."""
    means = criterion_averages([scores(r) for r in reviews])
    return " · ".join(f"{CRITERION_NAMES[name]} {means[name]:.1f}" for name in means)


def rubric_text() -> str:
    """The reviewer's rubric, one criterion a line."""
    lines = [f"**{CRITERION_NAMES[name]}** — {RUBRIC[name]}" for name in CRITERIA]
    return "Score each from 1 to 4:\n" + "\n".join(lines)


def scores_line(review: StoryReview) -> str:
    """A finished review's five scores on one line."""
    return " · ".join(f"{CRITERION_NAMES[n]} {getattr(review, n)}/4" for n in CRITERIA)
