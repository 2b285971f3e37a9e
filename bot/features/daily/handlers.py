"""The daily question's commands and buttons: show it, post it, skip it, give hints."""

from __future__ import annotations

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, row_id
from bot.bank.cards import question_card, shown
from bot.core.cards import Button, Card, Message, Reply, Visibility
from bot.core.timezones import local_label
from bot.features.daily.picking import channel_zone, choose_again, todays_plan, todays_post
from bot.features.daily.store import DailyStore
from bot.features.daily.tables import DailyPost
from bot.storage.tables import Question

ROUTES = Registry()

GONE = "That question is no longer available. Try `/question` for today's."


def post_for(ctx: Ctx, raw_id: str) -> tuple[DailyPost, Question]:
    """Return a post of the caller's community and its question, or refuse."""
    store = ctx.store(DailyStore)
    post = store.post(as_id(raw_id))
    if post is None:
        raise UserError(GONE)
    return post, question_of(ctx, post)


def question_of(ctx: Ctx, post: DailyPost) -> Question:
    """The question a post asks."""
    question = ctx.store(DailyStore).question(post.question_id)
    assert question is not None
    return question


def as_id(raw: str) -> int:
    """Parse a row id from a button value, or refuse the stale button."""
    value = row_id(raw)
    if value is None:
        raise UserError("That button no longer works. Run the command again.")
    return value


@ROUTES.command("question", "today", "Show today's question (only you see it)", default=True)
def show_today(ctx: Ctx, _: NoOptions) -> Reply:
    post = todays_post(ctx)
    return Reply.ephemeral(question_card(question_of(ctx, post), post))


@ROUTES.command("question", "post-now", "Post today's question in this channel", admin=True)
def post_now(ctx: Ctx, _: NoOptions) -> Reply:
    post = todays_post(ctx)
    if post.posted_at is not None:
        return _already_posted(ctx, post)
    return _posted(ctx, post)


def _posted(ctx: Ctx, post: DailyPost) -> Reply:
    """Post the day's card in its channel, remembering when."""
    question = question_of(ctx, post)
    post.posted_at = ctx.clock.now()
    card = question_card(question, post)
    return Reply(
        [Message(card, Visibility.CHANNEL, channel=post.channel_id, track=f"post:{post.id}")]
    )


def _already_posted(ctx: Ctx, post: DailyPost) -> Reply:
    question = question_of(ctx, post)
    assert post.posted_at is not None
    when = local_label(post.posted_at, channel_zone(ctx))
    return Reply.ephemeral(
        Card(
            title="Today's question is already posted here",
            text=f"**{question.title}** was posted on {when}. Nothing was posted again.",
            buttons=(Button("Post it again", "q.repost", str(post.id)),),
            footer="`/question skip` swaps it for another question.",
        )
    )


@ROUTES.action("q.repost", admin=True)
def repost_today(ctx: Ctx, value: str) -> Reply:
    if not ctx.actor.is_admin:
        raise UserError("Only community admins can post the question.")
    post, _ = post_for(ctx, value)
    if post.channel_id != ctx.actor.channel_id or post.local_date != todays_plan(ctx)[0]:
        raise UserError("That was an earlier question. `/question post-now` posts today's.")
    return _posted(ctx, post)


@ROUTES.command("question", "skip", "Swap today's question for another one", admin=True)
def skip_today(ctx: Ctx, _: NoOptions) -> Reply:
    store = ctx.store(DailyStore)
    post = todays_post(ctx)
    assert post.id is not None
    if store.is_answered(post.id):
        raise UserError("Members have already answered today's question, so it stays.")
    post.question_id = choose_again(ctx, post)
    question = question_of(ctx, post)
    if post.posted_at is None:
        return Reply.note(f"Skipped. Today's question is now **{question.title}**.")
    return _posted(ctx, post)


@ROUTES.tracker("post")
def remember_post(ctx: Ctx, value: str, ref: str) -> None:
    post = ctx.store(DailyStore).post(as_id(value))
    if post is not None:
        post.message_ref = ref[:128]


@ROUTES.action("q.hint")
def show_hint(ctx: Ctx, value: str) -> Reply:
    raw_post, _, raw_index = value.partition(":")
    post, question = post_for(ctx, raw_post)
    hints = [str(h) for h in question.data.get("hints", [])]
    if not hints:
        return Reply.note("This question has no hints. Trust your first instinct!")
    index = min(max(as_id(raw_index or "0"), 0), len(hints) - 1)
    more: tuple[Button, ...] = ()
    if index + 1 < len(hints):
        more = (Button("Next hint", "q.hint", f"{post.id}:{index + 1}"),)
    title = f"Hint {index + 1} of {len(hints)}"
    return Reply.ephemeral(Card(title=title, text=shown(question, hints[index]), buttons=more))
