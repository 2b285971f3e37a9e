"""Cards built from bank questions: the daily card, the reveal, the practice card."""

from __future__ import annotations

from bot.core.cards import Button, Card, Field, Style, Text, UserText, rich
from bot.core.repetition import RATING_LABELS, RATINGS
from bot.core.vocabulary import CATEGORY_NAMES
from bot.features.daily.tables import DailyPost
from bot.storage.tables import Question


def question_meta(question: Question) -> str:
    """The question's track as a card shows it: "Coding · medium"."""
    return _meta(question)


def titled(prefix: str, question: Question) -> Text:
    """The question's title after `prefix`; a community's own titles are member text."""
    return _titled(prefix, question)


def _meta(question: Question) -> str:
    return f"{CATEGORY_NAMES.get(question.category, question.category)} · {question.difficulty}"


def shown(question: Question, text: str) -> str:
    """A question's text: a community's own questions were written by members, shown literally."""
    return text if question.community_id is None else UserText(text)


def _titled(prefix: str, question: Question) -> Text:
    if question.community_id is None:
        return f"{prefix}{question.title}"
    return rich(prefix, UserText(question.title))


def _points(question: Question, name: str) -> Text:
    items = [str(p) for p in question.data.get(name, [])]
    if question.community_id is None:
        return "\n".join(f"• {p}" for p in items)
    parts = [part for p in items for part in ("• ", UserText(p), "\n")]
    return rich(*parts[:-1])


def _credit(question: Question) -> tuple[Field, ...]:
    """The "Suggested by" field of a member's approved question (none once they are forgotten)."""
    if question.community_id is None:
        return ()
    who = UserText(question.credit) if question.credit else "this community"
    return (Field("Suggested by" if question.credit else "From", who, inline=True),)


def question_card(question: Question, post: DailyPost) -> Card:
    """Render a question as the daily card with its Answer, Hint and self-rating buttons."""
    meta = _meta(question)
    rate = tuple(Button(RATING_LABELS[r], "q.rate", f"{post.id}:{r}") for r in RATINGS)
    return Card(
        title=_titled("Question of the day: ", question),
        text=shown(question, str(question.data.get("prompt", "")).strip()),
        fields=(Field("Track", meta, inline=True), *_credit(question)),
        buttons=(
            Button("Answer", "q.answer", str(post.id), Style.PRIMARY),
            Button("Hint", "q.hint", f"{post.id}:0"),
            *rate,
        ),
        footer=f"{post.local_date.isoformat()} · answer privately, then rate yourself",
    )


def reveal_card(question: Question) -> Card:
    """Render what a strong answer covers, for the thread under the daily post."""
    follow = _points(question, "follow_ups")
    fields = (Field("Follow-ups to practise", follow),) if question.data.get("follow_ups") else ()
    return Card(
        title=_titled("What a strong answer covers: ", question),
        text=_points(question, "strong_answer"),
        fields=fields,
        footer="Rate yourself on the question card; missed ones come back in /practice.",
    )


def practice_card(question: Question, why: str) -> Card:
    """Render a practice question with hint, strong-answer and rating buttons."""
    meta = _meta(question)
    rate = tuple(Button(RATING_LABELS[r], "p.rate", f"{question.id}:{r}") for r in RATINGS)
    return Card(
        title=_titled("Practice: ", question),
        text=shown(question, str(question.data.get("prompt", "")).strip()),
        fields=(
            Field("Track", meta, inline=True),
            Field("Why this one", why, inline=True),
            *_credit(question),
        ),
        buttons=(
            Button("Hint", "p.hint", f"{question.id}:0"),
            Button("What a strong answer covers", "p.reveal", question.id, Style.PRIMARY),
            *rate,
        ),
        footer="Answer it out loud or on paper, then rate yourself.",
    )
