"""Practice: questions due for review come back after growing intervals; a daily DM if wanted."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Date, bindparam
from sqlmodel import Session, col, select

from bot.app.context import Ctx
from bot.app.registry import Args, NoOptions, Option, Registry, UserError, row_id
from bot.bank.cards import practice_card, reveal_card
from bot.bank.live import live_questions
from bot.core.cards import Button, Card, Reply, rich
from bot.core.clock import local_date, seeded
from bot.core.repetition import RATING_LABELS, RATINGS, next_due, rating_base
from bot.core.timezones import ZoneError, canonical_zone
from bot.core.words import plural
from bot.features.daily.tables import Answer, DailyPost
from bot.features.practice.tables import PracticePref, ReviewState
from bot.storage.tables import Question

ROUTES = Registry()

# Built once: a rating and /practice ask them every time, and SQLAlchemy takes longer to
# build a statement than SQLite takes to run one of these.
_MEMBER = col(ReviewState.member_id) == bindparam("member")
_STATE = (
    select(ReviewState)
    .where(_MEMBER, col(ReviewState.question_id) == bindparam("question"))
    .limit(1)
)
_OVERDUE = (
    select(ReviewState)
    .where(
        _MEMBER,
        col(ReviewState.community_id) == bindparam("community"),
        col(ReviewState.due) <= bindparam("today", type_=Date),
    )
    .order_by(col(ReviewState.due), col(ReviewState.id))
    .limit(1)
)
_RATED = select(ReviewState.question_id).where(_MEMBER)
_ANSWERED = (
    select(DailyPost.question_id)
    .join(Answer, col(Answer.post_id) == DailyPost.id)
    .where(col(Answer.member_id) == bindparam("member"))
)
_NEXT_DUE = select(ReviewState).where(_MEMBER).order_by(col(ReviewState.due)).limit(1)


def record_rating(ctx: Ctx, question: Question, rating: str) -> Reply:
    """Store a self-rating and schedule the question's next review; a re-press replaces it."""
    today = local_date(ctx.clock, ctx.member.timezone or ctx.community.timezone)
    state = ctx.session.exec(
        _STATE, params={"member": ctx.member_id, "question": question.id}
    ).first()
    if state is None:
        interval, due = next_due(today, None, rating)
        ctx.session.add(_new_state(ctx, question, rating, interval, due))
    else:
        interval = _rerate(ctx, state, today, rating)
    when = "tomorrow" if interval == 1 else f"in {plural(interval, 'day')}"
    return Reply.note(f"Rated **{RATING_LABELS[rating]}**. It comes back in /practice {when}.")


def _new_state(ctx: Ctx, question: Question, rating: str, interval: int, due: date) -> ReviewState:
    return ReviewState(
        community_id=ctx.community_id,
        member_id=ctx.member_id,
        question_id=question.id,
        rating=rating,
        interval_days=interval,
        due=due,
    )


def _rerate(ctx: Ctx, state: ReviewState, today: date, rating: str) -> int:
    """Rate a question again: a new review once it came back, else a change of the last one."""
    base, new_review = rating_base(today, state.due, state.interval_days, state.prior_interval)
    interval, due = next_due(today, base, rating)
    if new_review:
        state.prior_interval = base
        state.reviews += 1
    state.rating, state.interval_days, state.due = rating, interval, due
    state.updated_at = ctx.clock.now()
    return interval


def pick_practice(
    session: Session, community_id: int, member_id: int, today: date
) -> tuple[Question, str] | None:
    """Return the most overdue review, else an unseen question, else the next one coming due."""
    due = session.exec(
        _OVERDUE, params={"member": member_id, "community": community_id, "today": today}
    ).first()
    if due is not None:
        question = session.get(Question, due.question_id)
        if question is not None and not question.retired:
            label = RATING_LABELS.get(due.rating, due.rating)
            return question, f"due for review (last time: {label})"
    rated = set(session.exec(_RATED, params={"member": member_id}))
    answered = set(session.exec(_ANSWERED, params={"member": member_id}))
    pool = sorted(
        qid for qid, _, _ in live_questions(session) if qid not in rated and qid not in answered
    )
    if pool:
        question = session.get(Question, seeded(member_id, today.isoformat()).choice(pool))
        assert question is not None
        return question, "new to you"
    later = session.exec(_NEXT_DUE, params={"member": member_id}).first()
    if later is None:
        return None
    question = session.get(Question, later.question_id)
    return (question, f"coming due on {later.due.isoformat()}") if question else None


def _question(ctx: Ctx, question_id: str) -> Question:
    question = ctx.session.get(Question, question_id)
    if question is None:
        raise UserError("That question is no longer in the bank. Try /practice for another.")
    return question


@ROUTES.command(
    "practice", "next", "A question due for your review (only you see it)", default=True
)
def practice(ctx: Ctx, _: NoOptions) -> Reply:
    today = local_date(ctx.clock, ctx.member.timezone or ctx.community.timezone)
    found = pick_practice(ctx.session, ctx.community_id, ctx.member_id, today)
    if found is None:
        return Reply.note("The question bank is empty, so there is nothing to practise yet.")
    return Reply.ephemeral(practice_card(*found))


@ROUTES.command_untyped(
    "practice",
    "daily",
    "Get a practice question by direct message every day",
    Option("at", "Local time, like 08:00", kind="time", required=True),
    Option("timezone", "Your time zone, like Europe/Berlin", kind="timezone"),
)
def practice_daily(ctx: Ctx, args: Args) -> Reply:
    tz = args.get("timezone") or _stored_zone(ctx.member.timezone or ctx.community.timezone)
    at: time = args["at"]
    pref = ctx.session.get(PracticePref, ctx.member_id)
    if pref is None:
        pref = PracticePref(
            member_id=ctx.member_id,
            community_id=ctx.community_id,
            at_time=at.strftime("%H:%M"),
            timezone=tz,
        )
        ctx.session.add(pref)
    pref.enabled, pref.at_time, pref.timezone = True, at.strftime("%H:%M"), tz
    ctx.member.timezone = tz
    return Reply.note(
        f"Done: a practice question reaches you by DM every day at {pref.at_time} ({tz})."
    )


def _stored_zone(stored: str) -> str:
    """Check a zone saved before every command used one rule (it may read "CET")."""
    try:
        return canonical_zone(stored)
    except ZoneError as error:
        raise UserError(rich(*error.text.parts, " Add `timezone:` to the command.")) from None


@ROUTES.command("practice", "stop", "Stop the daily practice message")
def practice_stop(ctx: Ctx, _: NoOptions) -> Reply:
    pref = ctx.session.get(PracticePref, ctx.member_id)
    if pref is None or not pref.enabled:
        return Reply.note("You don't get daily practice messages, so there is nothing to stop.")
    pref.enabled = False
    return Reply.note("Stopped. `/practice daily at:08:00` turns it back on.")


@ROUTES.action("p.hint")
def practice_hint(ctx: Ctx, value: str) -> Reply:
    question_id, _, raw = value.rpartition(":")
    question = _question(ctx, question_id)
    hints = [str(h) for h in question.data.get("hints", [])]
    index = min(max(row_id(raw) or 0, 0), max(len(hints) - 1, 0))
    if not hints:
        return Reply.note("This question has no hints.")
    more = (
        (Button("Next hint", "p.hint", f"{question.id}:{index + 1}"),)
        if index + 1 < len(hints)
        else ()
    )
    return Reply.ephemeral(
        Card(title=f"Hint {index + 1} of {len(hints)}", text=hints[index], buttons=more)
    )


@ROUTES.action("p.reveal")
def practice_reveal(ctx: Ctx, value: str) -> Reply:
    return Reply.ephemeral(reveal_card(_question(ctx, value)))


@ROUTES.action("p.rate")
def practice_rate(ctx: Ctx, value: str) -> Reply:
    question_id, _, rating = value.rpartition(":")
    if rating not in RATINGS:
        raise UserError("That button no longer works. Run /practice again.")
    return record_rating(ctx, _question(ctx, question_id), rating)
