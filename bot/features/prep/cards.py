"""The cards of a plan's item: a practice question with the usual buttons, or a task."""

from __future__ import annotations

from dataclasses import replace

from bot.bank.cards import practice_card
from bot.core.calendar import day_label
from bot.core.cards import Button, Card, Style
from bot.core.prep_plan import AREA_NAMES, KIND_NAMES, Item
from bot.core.repetition import RATING_LABELS
from bot.core.vocabulary import ROUND_NAMES
from bot.core.words import plural
from bot.features.prep.plans import Standing
from bot.storage.tables import Question


def item_label(item: Item) -> str:
    """ "Coding · practice question", "ML system design · mock interview (ML system design)"."""
    label = f"{AREA_NAMES[item.area]} · {KIND_NAMES[item.kind]}"
    if item.kind == "mock" and item.mock_round:
        label += f" ({ROUND_NAMES[item.mock_round]})"
    return label


def countdown(now: Standing) -> str:
    """ "12 days to your interview (Wed 20 Jan)"."""
    when = day_label(now.plan.interview)
    if now.days_left == 1:
        return f"Your interview is tomorrow ({when})"
    return f"{plural(now.days_left, 'day')} to your interview ({when})"


def item_card(now: Standing, item: Item, question: Question | None) -> Card:
    """The card of one item: a question with Hint/Answer/rating buttons, or a task with Done."""
    title = f"Prep plan · {item_label(item)}"
    footer = f"{countdown(now)} · {_more_today(now, item)}"
    if question is not None:
        card = practice_card(question, _why(now, item))
        return replace(card, title=f"{title}: {question.title}", footer=footer)
    return Card(
        title=title,
        text=_task_text(item),
        buttons=(Button("Done", "pp.done", str(item.seq), Style.PRIMARY),),
        footer=footer,
    )


def _why(now: Standing, item: Item) -> str:
    if item.kind == "review":
        rated = next((r for r in now.ratings if r.question_id == item.question_id), None)
        if rated is not None and rated.rating != "nailed":
            return f"review week: you rated it {RATING_LABELS[rated.rating]}"
        return "review week"
    if item.carried:
        return f"carried over from {day_label(item.slot)}"
    return "today's item of your plan"


def _task_text(item: Item) -> str:
    if item.kind == "mock":
        round_ = item.mock_round or "onsite_coding"
        return (
            f"This week's mock: practise the {ROUND_NAMES[round_]} round with a peer. Ask for "
            f"a partner with `/mock request round:{round_}`, then press Done once you have "
            "practised."
        )
    if item.kind == "story":
        return (
            "Story work: write a STAR story for a Leadership Principle you have not covered "
            "yet, or sharpen one a reviewer marked. `/story coverage` shows the gaps and "
            "`/story new` starts one. Press Done when it is written."
        )
    return "No question of this area is in the bank yet; practise one of your own, then press Done."


def _more_today(now: Standing, item: Item) -> str:
    others = [i for i in now.items if i.open and i.day == now.today and i.seq != item.seq]
    if not others:
        return "rate yourself when done"
    return f"{plural(len(others), 'more item')} today: /prep"
