"""Members' answers to the daily question: write one, share it in the thread, rate yourself."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import Registry, UserError
from bot.core.cards import Button, Card, Input, Message, Modal, Reply, UserText, Visibility, rich
from bot.core.points import Reason
from bot.core.repetition import RATINGS
from bot.features.daily.handlers import post_for
from bot.features.daily.store import DailyStore
from bot.features.daily.tables import Answer, DailyPost
from bot.features.leaderboard.api import award, count_answer_day
from bot.features.practice.api import record_rating
from bot.features.prep.api import note_answer

ROUTES = Registry()

ANSWER_LIMIT = 3000


def _post_id(post: DailyPost) -> int:
    assert post.id is not None
    return post.id


def my_answer(ctx: Ctx, post: DailyPost) -> Answer | None:
    """The caller's answer to a post, if any."""
    return ctx.store(DailyStore).answer_of(_post_id(post), ctx.member_id)


@ROUTES.action("q.answer")
def begin_answer(ctx: Ctx, value: str) -> Reply:
    post, question = post_for(ctx, value)
    existing = my_answer(ctx, post)
    box = Input(
        "answer",
        question.title[:45],
        max_length=ANSWER_LIMIT,
        placeholder="Write it as you would say it in the interview.",
        value=existing.text if existing else "",
    )
    return Reply.open(Modal("Your answer", "q.answer", str(post.id), (box,)))


def _checked(fields: dict[str, str]) -> str:
    """The answer a form carries, or refuse an empty or overlong one."""
    text = (fields.get("answer") or "").strip()
    if not text:
        raise UserError("Your answer is empty. Write a few lines and send it again.")
    if len(text) > ANSWER_LIMIT:
        raise UserError(
            f"Your answer is {len(text):,} characters; the limit is {ANSWER_LIMIT:,}. "
            "Trim it and send it again."
        )
    return text


@ROUTES.submit("q.answer")
def save_answer(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    post, question = post_for(ctx, value)
    text = _checked(fields)
    answer = my_answer(ctx, post)
    now = ctx.clock.now()  # the community's clock: the console's /time, a test's fake clock
    if answer is None:
        ctx.store(DailyStore).add_answer(
            Answer(
                post_id=_post_id(post),
                member_id=ctx.member_id,
                text=text,
                created_at=now,
                updated_at=now,
            )
        )
    else:
        answer.text, answer.updated_at = text, now
    points = award(ctx, Reason.DAILY_ANSWER, f"post:{post.id}")
    streak_note = count_answer_day(ctx) if points else ""
    plan_note = note_answer(ctx, question).strip()  # the prep plan counts it when it fits
    verb = "Updated" if answer is not None else "Saved"
    gained = f" +{points} points." if points else ""
    buttons = (Button("Share in the thread", "q.share", str(post.id)),) if post.message_ref else ()
    return Reply.ephemeral(
        Card(
            title=f"{verb} your answer.{gained}",
            text=rich("> ", UserText(preview(text))),
            buttons=buttons,
            footer=" ".join(part for part in (streak_note, plan_note) if part),
        )
    )


@ROUTES.action("q.share")
def share_answer(ctx: Ctx, value: str) -> Reply:
    post, question = post_for(ctx, value)
    answer = my_answer(ctx, post)
    if answer is None:
        raise UserError("Answer the question first; then you can share your answer.")
    if answer.shared:
        return Reply.note("You already shared this answer in the thread.")
    if not post.message_ref:
        raise UserError("This question was not posted in a channel, so there is no thread.")
    answer.shared = True
    card = Card(
        title=rich(
            UserText(ctx.member.display_name or "A member"), f"'s answer to {question.title}"
        ),
        text=UserText(answer.text),
    )
    shared = Message(card, Visibility.CHANNEL, channel=post.channel_id, thread_of=post.message_ref)
    return Reply([shared, Message(Card(text="Shared in the thread."))])


@ROUTES.action("q.rate")
def rate_daily(ctx: Ctx, value: str) -> Reply:
    raw_post, _, rating = value.partition(":")
    post, question = post_for(ctx, raw_post)
    if rating not in RATINGS:
        raise UserError("That button no longer works. Run the command again.")
    answer = my_answer(ctx, post)
    if answer is not None:
        answer.rating = rating
    return record_rating(ctx, question, rating)


def preview(text: str, limit: int = 300) -> str:
    """Flatten and shorten member text for a confirmation."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
