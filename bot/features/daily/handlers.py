"""The daily question: show it, post it, give hints, take answers, share them, rate yourself."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, row_id
from bot.bank.cards import question_card
from bot.bank.live import Candidate, live_candidates
from bot.content import ANY_DAY, DayFilter
from bot.core.cards import (
    Button,
    Card,
    Input,
    Message,
    Modal,
    Reply,
    UserText,
    Visibility,
    rich,
)
from bot.core.clock import local_date, seeded
from bot.core.points import Reason
from bot.core.repetition import RATINGS
from bot.core.rotation import pick_question
from bot.core.timezones import local_label
from bot.features.daily.tables import Answer, DailyPost
from bot.features.leaderboard.ledger import award
from bot.features.leaderboard.streaks import count_answer_day
from bot.features.practice.handlers import record_rating
from bot.features.sprints.handlers import calendar_of, live_sprint
from bot.storage.tables import Question
from bot.storage.upsert import upsert_insert

ROUTES = Registry()

ANSWER_LIMIT = 3000
NO_QUESTIONS = "The question bank is empty. An admin can load it with `preploop content sync`."
GONE = "That question is no longer available. Try `/question` for today's."


_POST_OF_DAY = select(DailyPost).where(  # built once: most commands and buttons read it
    col(DailyPost.community_id) == bindparam("community"),
    col(DailyPost.channel_id) == bindparam("channel"),
    DailyPost.kind == "daily",
    col(DailyPost.local_date) == bindparam("day"),
)


def find_post(session: Session, community_id: int, channel_id: str, day: date) -> DailyPost | None:
    """Return a channel's daily post for a day, if one was claimed."""
    found = session.exec(
        _POST_OF_DAY, params={"community": community_id, "channel": channel_id, "day": day}
    )
    return found.first()


def claim_post(
    session: Session,
    community_id: int,
    channel_id: str,
    day: date,
    focus: DayFilter = ANY_DAY,
) -> DailyPost:
    """Return the day's post for a channel, choosing its question the first time."""
    found = find_post(session, community_id, channel_id, day)
    if found is not None:
        return found
    question_id = choose_question(session, community_id, day, focus)
    _insert_posts(session, [(community_id, channel_id, day, question_id)])
    post = find_post(session, community_id, channel_id, day)  # ours, or a racing transaction's
    assert post is not None
    return post


def _insert_posts(session: Session, rows: list[tuple[int, str, date, str]]) -> None:
    """Insert posts that no other transaction inserted meanwhile.

    Two members opening a new day's question at once both find no post: the second insert
    does nothing (on PostgreSQL it fails the transaction with a serialization error, which
    transact() runs again, finding the first one's post) instead of a unique violation.
    """
    values = [
        {"community_id": c, "channel_id": ch, "kind": "daily", "local_date": d, "question_id": q}
        for c, ch, d, q in rows
    ]
    session.execute(
        upsert_insert(session)(DailyPost)
        .values(values)
        .on_conflict_do_nothing(index_elements=["community_id", "channel_id", "kind", "local_date"])
    )


def choose_question(
    session: Session,
    community_id: int,
    day: date,
    focus: DayFilter = ANY_DAY,
    exclude: str | None = None,
) -> str:
    """Pick the next question, by the plan's filter when it has any, never a repeat too soon."""
    used = list(
        session.exec(
            select(DailyPost.question_id)
            .where(DailyPost.community_id == community_id)
            .order_by(col(DailyPost.id))
        )
    )
    return pick_next(live_candidates(session), used, community_id, day, focus, exclude)


def pick_next(
    bank: list[Candidate],
    used: list[str],
    community_id: int,
    day: date,
    focus: DayFilter = ANY_DAY,
    exclude: str | None = None,
) -> str:
    """Choose from the live bank, given the community's questions so far (oldest first).

    The day's full filter first; when it leaves nothing unasked, it widens step by step (drop
    topic, then level, then round, then difficulty) but never leaves the day's category. If
    the whole category has been asked, the question of the narrowest filter asked longest ago
    comes back; only a category with no live question at all falls back to the whole bank.
    """
    seen = set(used)
    bank = [row for row in bank if row.id != exclude]
    narrowing = [k for k in (focus.round, focus.topic, focus.level) if k]
    rng = seeded(community_id, day.isoformat(), focus.category, focus.difficulty, *narrowing)
    pools = [
        [q.id for q in bank if step.admits(q.category, q.difficulty, q.rounds, q.topic, q.levels)]
        for step in focus.widening()
    ]
    pool = next((p for p in pools if any(qid not in seen for qid in p)), None)
    pool = pool or next((p for p in pools if p), None) or [q.id for q in bank]
    chosen = pick_question(pool, used, rng)
    if chosen is None:
        raise UserError(NO_QUESTIONS)
    return chosen


PostKey = tuple[int, str, date]  # community id, channel id, local day


def claim_posts(session: Session, wanted: dict[PostKey, DayFilter]) -> dict[PostKey, DailyPost]:
    """claim_post for many channels at once (the scheduler's fan-out), in a few statements."""
    communities = {community for community, _, _ in wanted}
    days = {day for _, _, day in wanted}
    rows = session.exec(
        select(DailyPost).where(
            col(DailyPost.community_id).in_(communities),
            col(DailyPost.local_date).in_(days),
            DailyPost.kind == "daily",
        )
    )
    posts = {(p.community_id, p.channel_id, p.local_date): p for p in rows}
    used: dict[int, list[str]] = {community: [] for community in communities}
    for community, question_id in session.exec(
        select(DailyPost.community_id, DailyPost.question_id)
        .where(col(DailyPost.community_id).in_(communities))
        .order_by(col(DailyPost.id))
    ):
        used[community].append(question_id)
    bank = live_candidates(session)
    fresh = []
    for key, focus in wanted.items():
        if key not in posts:
            community, channel, day = key
            question_id = pick_next(bank, used[community], community, day, focus)
            used[community].append(question_id)
            fresh.append((community, channel, day, question_id))
    if fresh:
        _insert_posts(session, fresh)
        rows = session.exec(
            select(DailyPost).where(
                col(DailyPost.community_id).in_({c for c, _, _, _ in fresh}),
                col(DailyPost.local_date).in_({d for _, _, d, _ in fresh}),
                DailyPost.kind == "daily",
            )
        )
        posts.update({(p.community_id, p.channel_id, p.local_date): p for p in rows})
    return {key: posts[key] for key in wanted}


def post_for(ctx: Ctx, raw_id: str) -> tuple[DailyPost, Question]:
    """Return a post of the caller's community and its question, or refuse."""
    post = ctx.session.get(DailyPost, as_id(raw_id))
    if post is None or post.community_id != ctx.community_id:
        raise UserError(GONE)
    question = ctx.session.get(Question, post.question_id)
    assert question is not None
    return post, question


def as_id(raw: str) -> int:
    """Parse a row id from a button value, or refuse the stale button."""
    value = row_id(raw)
    if value is None:
        raise UserError("That button no longer works. Run the command again.")
    return value


def _post_id(post: DailyPost) -> int:
    assert post.id is not None
    return post.id


def todays_plan(ctx: Ctx) -> tuple[date, DayFilter]:
    """The channel's day and the plan's filter for it: its sprint's, else the community's day."""
    sprint = live_sprint(ctx.session, ctx.community_id, ctx.actor.channel_id)
    if sprint is None:
        return ctx.today(), ANY_DAY
    today = local_date(ctx.clock, sprint.timezone)
    return today, DayFilter.of(calendar_of(sprint).focus_on(today))


def todays_post(ctx: Ctx) -> DailyPost:
    """The channel's post for today, chosen by its sprint's plan the first time."""
    today, focus = todays_plan(ctx)
    return claim_post(ctx.session, ctx.community_id, ctx.actor.channel_id, today, focus)


@ROUTES.command("question", "today", "Show today's question (only you see it)", default=True)
def show_today(ctx: Ctx, _: NoOptions) -> Reply:
    post = todays_post(ctx)
    question = ctx.session.get(Question, post.question_id)
    assert question is not None
    return Reply.ephemeral(question_card(question, post))


def channel_zone(ctx: Ctx) -> str:
    """The time zone of the caller's channel: its sprint's, else the community's."""
    sprint = live_sprint(ctx.session, ctx.community_id, ctx.actor.channel_id)
    return sprint.timezone if sprint is not None else ctx.community.timezone


@ROUTES.command("question", "post-now", "Post today's question in this channel", admin=True)
def post_now(ctx: Ctx, _: NoOptions) -> Reply:
    post = todays_post(ctx)
    if post.posted_at is not None:
        return _already_posted(ctx, post)
    return _posted(ctx, post)


def _posted(ctx: Ctx, post: DailyPost) -> Reply:
    """Post the day's card in its channel, remembering when."""
    question = ctx.session.get(Question, post.question_id)
    assert question is not None
    post.posted_at = ctx.clock.now()
    card = question_card(question, post)
    return Reply(
        [Message(card, Visibility.CHANNEL, channel=post.channel_id, track=f"post:{post.id}")]
    )


def _already_posted(ctx: Ctx, post: DailyPost) -> Reply:
    question = ctx.session.get(Question, post.question_id)
    assert question is not None and post.posted_at is not None
    when = local_label(post.posted_at, channel_zone(ctx))
    return Reply.ephemeral(
        Card(
            title="Today's question is already posted here",
            text=f"**{question.title}** was posted on {when}. Nothing was posted again.",
            buttons=(Button("Post it again", "q.repost", str(post.id)),),
            footer="`/question skip` swaps it for another question.",
        )
    )


@ROUTES.action("q.repost")
def repost_today(ctx: Ctx, value: str) -> Reply:
    if not ctx.actor.is_admin:
        raise UserError("Only community admins can post the question.")
    post, _ = post_for(ctx, value)
    if post.channel_id != ctx.actor.channel_id or post.local_date != todays_plan(ctx)[0]:
        raise UserError("That was an earlier question. `/question post-now` posts today's.")
    return _posted(ctx, post)


@ROUTES.command("question", "skip", "Swap today's question for another one", admin=True)
def skip_today(ctx: Ctx, _: NoOptions) -> Reply:
    _day, focus = todays_plan(ctx)
    post = todays_post(ctx)
    answered = ctx.session.exec(select(Answer.id).where(Answer.post_id == post.id)).first()
    if answered is not None:
        raise UserError("Members have already answered today's question, so it stays.")
    old = post.question_id
    post.question_id = choose_question(
        ctx.session, ctx.community_id, post.local_date, focus, exclude=old
    )
    question = ctx.session.get(Question, post.question_id)
    assert question is not None
    if post.posted_at is None:
        return Reply.note(f"Skipped. Today's question is now **{question.title}**.")
    return _posted(ctx, post)


@ROUTES.tracker("post")
def remember_post(ctx: Ctx, value: str, ref: str) -> None:
    post = ctx.session.get(DailyPost, as_id(value))
    if post is not None and post.community_id == ctx.community_id:
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
    return Reply.ephemeral(Card(title=title, text=hints[index], buttons=more))


@ROUTES.action("q.answer")
def begin_answer(ctx: Ctx, value: str) -> Reply:
    post, question = post_for(ctx, value)
    existing = answer_of(ctx.session, _post_id(post), ctx.member_id)
    box = Input(
        "answer",
        question.title[:45],
        max_length=ANSWER_LIMIT,
        placeholder="Write it as you would say it in the interview.",
        value=existing.text if existing else "",
    )
    return Reply.open(Modal("Your answer", "q.answer", str(post.id), (box,)))


@ROUTES.submit("q.answer")
def save_answer(ctx: Ctx, value: str, fields: dict[str, str]) -> Reply:
    post, _ = post_for(ctx, value)
    text = (fields.get("answer") or "").strip()
    if not text:
        raise UserError("Your answer is empty. Write a few lines and send it again.")
    if len(text) > ANSWER_LIMIT:
        raise UserError(
            f"Your answer is {len(text):,} characters; the limit is {ANSWER_LIMIT:,}. "
            "Trim it and send it again."
        )
    answer = answer_of(ctx.session, _post_id(post), ctx.member_id)
    if answer is None:
        ctx.session.add(Answer(post_id=_post_id(post), member_id=ctx.member_id, text=text))
    else:
        answer.text, answer.updated_at = text, ctx.clock.now()
    points = award(ctx, Reason.DAILY_ANSWER, f"post:{post.id}")
    streak_note = count_answer_day(ctx) if points else ""
    verb = "Updated" if answer is not None else "Saved"
    gained = f" +{points} points." if points else ""
    buttons = (Button("Share in the thread", "q.share", str(post.id)),) if post.message_ref else ()
    return Reply.ephemeral(
        Card(
            title=f"{verb} your answer.{gained}",
            text=rich("> ", UserText(preview(text))),
            buttons=buttons,
            footer=streak_note,
        )
    )


@ROUTES.action("q.share")
def share_answer(ctx: Ctx, value: str) -> Reply:
    post, question = post_for(ctx, value)
    answer = answer_of(ctx.session, _post_id(post), ctx.member_id)
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
    answer = answer_of(ctx.session, _post_id(post), ctx.member_id)
    if answer is not None:
        answer.rating = rating
    return record_rating(ctx, question, rating)


def preview(text: str, limit: int = 300) -> str:
    """Flatten and shorten member text for a confirmation."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def answer_of(session: Session, post_id: int, member_id: int) -> Answer | None:
    """Return a member's answer to a post."""
    return session.exec(_ANSWER_OF, params={"post": post_id, "member": member_id}).first()


_ANSWER_OF = (
    select(Answer)
    .where(col(Answer.post_id) == bindparam("post"), col(Answer.member_id) == bindparam("member"))
    .limit(1)
)
