"""The daily question: show it, post it, give hints, take answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from bot.content import CATEGORY_NAMES
from bot.core.cards import Button, Card, Field, Input, Modal, Reply, Style, UserText, rich
from bot.core.clock import seeded
from bot.core.points import Reason
from bot.core.rotation import pick_question
from bot.services.context import Ctx
from bot.services.ledger import award
from bot.services.registry import REGISTRY, Args, UserError
from bot.storage.tables import Answer, DailyPost, Question

ANSWER_LIMIT = 3000
NO_QUESTIONS = "The question bank is empty. An admin can load it with `preploop content sync`."


def question_card(question: Question, post: DailyPost) -> Card:
    """Render a question as the daily card with its Answer and Hint buttons."""
    data = question.data
    meta = f"{CATEGORY_NAMES.get(question.category, question.category)} · {question.difficulty}"
    return Card(
        title=f"Question of the day: {question.title}",
        text=str(data.get("prompt", "")).strip(),
        fields=(Field("Track", meta, inline=True),),
        buttons=(
            Button("Answer", "q.answer", str(post.id), Style.PRIMARY),
            Button("Hint", "q.hint", f"{post.id}:0"),
        ),
        footer=f"{post.local_date.isoformat()} · answer privately; points for every answer",
    )


def claim_post(ctx: Ctx, channel_id: str, day: date, category: str | None = None) -> DailyPost:
    """Return the day's post for a channel, choosing its question the first time."""
    session = ctx.session
    found = session.exec(
        select(DailyPost).where(
            DailyPost.community_id == ctx.community_id,
            DailyPost.channel_id == channel_id,
            DailyPost.kind == "daily",
            DailyPost.local_date == day,
        )
    ).first()
    if found is not None:
        return found
    question_id = choose_question(session, ctx.community_id, day, category)
    post = DailyPost(
        community_id=ctx.community_id,
        channel_id=channel_id,
        local_date=day,
        question_id=question_id,
    )
    session.add(post)
    session.flush()
    return post


def choose_question(session: Session, community_id: int, day: date, category: str | None) -> str:
    """Pick the next question for a community, never repeating one until the pool runs out."""
    query = select(Question.id).where(Question.retired == False)  # noqa: E712
    if category:
        query = query.where(Question.category == category)
    pool = list(session.exec(query))
    used = list(
        session.exec(
            select(DailyPost.question_id)
            .where(DailyPost.community_id == community_id)
            .order_by(col(DailyPost.id))
        )
    )
    chosen = pick_question(pool, used, seeded(community_id, day.isoformat(), category))
    if chosen is None:
        raise UserError(NO_QUESTIONS)
    return chosen


def _post_for(ctx: Ctx, raw_id: str) -> tuple[DailyPost, Question]:
    post = ctx.session.get(DailyPost, _int(raw_id))
    if post is None or post.community_id != ctx.community_id:
        raise UserError("That question is no longer available. Try `/question` for today's.")
    question = ctx.session.get(Question, post.question_id)
    assert question is not None
    return post, question


def _id(post: DailyPost) -> int:
    assert post.id is not None
    return post.id


def _int(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise UserError("That button no longer works. Run the command again.") from None


@REGISTRY.command("question", "today", "Show today's question (only you see it)", default=True)
def show_today(ctx: Ctx, _args: Args) -> Reply:
    post = claim_post(ctx, ctx.actor.channel_id, ctx.today())
    question = ctx.session.get(Question, post.question_id)
    assert question is not None
    return Reply.ephemeral(question_card(question, post))


@REGISTRY.command("question", "post-now", "Post today's question in this channel", admin=True)
def post_now(ctx: Ctx, _args: Args) -> Reply:
    post = claim_post(ctx, ctx.actor.channel_id, ctx.today())
    question = ctx.session.get(Question, post.question_id)
    assert question is not None
    post.posted_at = ctx.clock.now()
    return Reply.channel(question_card(question, post))


@REGISTRY.action("q.hint")
def show_hint(ctx: Ctx, value: str) -> Reply:
    raw_post, _, raw_index = value.partition(":")
    post, question = _post_for(ctx, raw_post)
    hints: list[Any] = list(question.data.get("hints", []))
    index = min(max(_int(raw_index or "0"), 0), max(len(hints) - 1, 0))
    if not hints:
        return Reply.note("This question has no hints. Trust your first instinct!")
    more: tuple[Button, ...] = ()
    if index + 1 < len(hints):
        more = (Button("Next hint", "q.hint", f"{post.id}:{index + 1}"),)
    title = f"Hint {index + 1} of {len(hints)}"
    return Reply.ephemeral(Card(title=title, text=str(hints[index]), buttons=more))


@REGISTRY.action("q.answer")
def begin_answer(ctx: Ctx, value: str) -> Reply:
    post, question = _post_for(ctx, value)
    existing = _answer_of(ctx, post)
    return Reply.open(
        Modal(
            title="Your answer",
            action="q.answer",
            value=str(post.id),
            inputs=(
                Input(
                    "answer",
                    question.title[:45],
                    max_length=ANSWER_LIMIT,
                    placeholder="Write it as you would say it in the interview.",
                    value=existing.text if existing else "",
                ),
            ),
        )
    )


@REGISTRY.submit("q.answer")
def save_answer(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    post, _ = _post_for(ctx, value)
    text = (fields.get("answer") or "").strip()
    if not text:
        raise UserError("Your answer is empty. Write a few lines and send it again.")
    if len(text) > ANSWER_LIMIT:
        raise UserError(
            f"Your answer is {len(text):,} characters; the limit is {ANSWER_LIMIT:,}. "
            "Trim it and send it again."
        )
    answer = _answer_of(ctx, post)
    if answer is None:
        ctx.session.add(Answer(post_id=_id(post), member_id=ctx.member_id, text=text))
    else:
        answer.text, answer.updated_at = text, ctx.clock.now()
    points = award(ctx, Reason.DAILY_ANSWER, f"post:{post.id}")
    verb = "Updated" if answer is not None else "Saved"
    gained = f" +{points} points." if points else ""
    return Reply.ephemeral(
        Card(title=f"{verb} your answer.{gained}", text=rich("> ", UserText(_preview(text))))
    )


def _preview(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _answer_of(ctx: Ctx, post: DailyPost) -> Answer | None:
    return ctx.session.exec(
        select(Answer).where(Answer.post_id == post.id, Answer.member_id == ctx.member_id)
    ).first()
