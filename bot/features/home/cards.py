"""The home as one private card: `/home` on the console, Discord and Slack."""

from __future__ import annotations

from bot.core.cards import Button, Card, Field, Text, UserText, rich
from bot.core.home import Home, StoryLine

TITLE = "Your PrepLoop home"
NO_MOCK = "none: `/mock request` finds a partner"
FOOTER = "`/home` shows this again · on Slack it is also the app's Home tab"


def home_card(home: Home) -> Card:
    """Every part of the home as fields, with the buttons that act on them."""
    fields = [
        Field("Points", home.standing_line),
        Field("Streak", home.streak_line, inline=True),
        Field("Practice", home.practice_line, inline=True),
        Field("Today's question", question_text(home)),
        Field("Next mock", home.mock.text if home.mock else NO_MOCK),
        Field("Stories to review", home.reviews_line or "none waiting"),
        Field("Your stories", stories_text(home.stories)),
    ]
    if home.admin is not None:
        fields.append(Field("Community (admins)", "\n".join(home.admin.numbers.lines())))
        sprint = home.admin.sprint
        fields.append(Field("Live sprint", sprint_text(sprint) if sprint else "no live sprint"))
    return Card(title=TITLE, fields=tuple(fields), buttons=buttons(home), footer=FOOTER)


def buttons(home: Home) -> tuple[Button, ...]:
    """Answer today's question, answer the mock's time, review a story: what can be pressed."""
    found: list[Button] = []
    if home.question is not None:
        found.append(home.question.button)
    if home.mock is not None:
        found += home.mock.buttons
    if home.review_button is not None:
        found.append(home.review_button)
    return tuple(found)


def question_text(home: Home) -> Text:
    """Today's question in the member's channel, and whether they answered it."""
    question = home.question
    if question is None:
        return "No question in your channel today yet: `/question` shows today's."
    state = "answered ✓" if question.answered else "not answered yet"
    title = question.title.parts if not isinstance(question.title, str) else (question.title,)
    return rich("**", *title, f"** ({question.track}) · {state}")


def stories_text(stories: tuple[StoryLine, ...]) -> Text:
    """The member's stories as `/story mine` lists them."""
    if not stories:
        return "none yet: `/story new principle:ownership` starts one"
    parts: list[str] = []
    for line in stories:
        parts += [f"#{line.number} ", UserText(line.title)]
        parts.append(f" — {line.principles} · {line.state}\n")
    return rich(*parts[:-1], parts[-1].rstrip("\n"))


def sprint_text(sprint: Card) -> Text:
    """The `/sprint status` card folded into one field: its title, then each line."""
    parts = [*_parts(sprint.title)]
    for field in sprint.fields:
        parts += ["\n**", *_parts(field.name), ":** ", *_parts(field.value)]
    return rich(*parts)


def _parts(text: Text) -> tuple[str, ...]:
    return (text,) if isinstance(text, str) else text.parts
