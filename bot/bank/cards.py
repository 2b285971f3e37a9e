"""Cards built from bank questions: the daily card, the reveal, the practice card."""

from __future__ import annotations

from bot.core.cards import Button, Card, Field, Style
from bot.core.repetition import RATING_LABELS, RATINGS
from bot.core.vocabulary import CATEGORY_NAMES
from bot.features.daily.tables import DailyPost
from bot.storage.tables import Question


def _meta(question: Question) -> str:
    return f"{CATEGORY_NAMES.get(question.category, question.category)} · {question.difficulty}"


def question_card(question: Question, post: DailyPost) -> Card:
    """Render a question as the daily card with its Answer, Hint and self-rating buttons."""
    meta = _meta(question)
    rate = tuple(Button(RATING_LABELS[r], "q.rate", f"{post.id}:{r}") for r in RATINGS)
    return Card(
        title=f"Question of the day: {question.title}",
        text=str(question.data.get("prompt", "")).strip(),
        fields=(Field("Track", meta, inline=True),),
        buttons=(
            Button("Answer", "q.answer", str(post.id), Style.PRIMARY),
            Button("Hint", "q.hint", f"{post.id}:0"),
            *rate,
        ),
        footer=f"{post.local_date.isoformat()} · answer privately, then rate yourself",
    )


def reveal_card(question: Question) -> Card:
    """Render what a strong answer covers, for the thread under the daily post."""
    points = "\n".join(f"• {p}" for p in question.data.get("strong_answer", []))
    follow = "\n".join(f"• {p}" for p in question.data.get("follow_ups", []))
    fields = (Field("Follow-ups to practise", follow),) if follow else ()
    return Card(
        title=f"What a strong answer covers: {question.title}",
        text=points,
        fields=fields,
        footer="Rate yourself on the question card; missed ones come back in /practice.",
    )


def practice_card(question: Question, why: str) -> Card:
    """Render a practice question with hint, strong-answer and rating buttons."""
    meta = _meta(question)
    rate = tuple(Button(RATING_LABELS[r], "p.rate", f"{question.id}:{r}") for r in RATINGS)
    return Card(
        title=f"Practice: {question.title}",
        text=str(question.data.get("prompt", "")).strip(),
        fields=(Field("Track", meta, inline=True), Field("Why this one", why, inline=True)),
        buttons=(
            Button("Hint", "p.hint", f"{question.id}:0"),
            Button("What a strong answer covers", "p.reveal", question.id, Style.PRIMARY),
            *rate,
        ),
        footer="Answer it out loud or on paper, then rate yourself.",
    )
