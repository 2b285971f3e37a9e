"""`/prep`: start a plan to your interview date, see where you stand, move or stop it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, option, row_id
from bot.core.calendar import day_label
from bot.core.cards import Reply, UserText, rich
from bot.core.prep_adapt import due_today
from bot.core.prep_plan import build_plan, window
from bot.core.vocabulary import LEVEL_NAMES, LEVELS, ROUND_NAMES, ROUNDS
from bot.core.words import plural
from bot.features.prep.cards import item_card
from bot.features.prep.plans import Standing, member_today, standing, with_question
from bot.features.prep.store import PrepStore
from bot.features.prep.tables import PrepPlan
from bot.features.prep.views import plan_view

ROUTES = Registry()
NO_PLAN = "You have no prep plan. Start one with `/prep start date:2027-01-20`."


@dataclass(frozen=True, kw_only=True)
class StartOptions:
    """`/prep start date:… [role:…] [level:…] [rounds:…]`."""

    date: date = option("Your interview date, like 2027-01-20", kind="date", required=True)
    role: str | None = option("The role you interview for", max_length=80)
    level: str | None = option("Your target level", kind="choice", choices=LEVELS)
    rounds: str | None = option(
        "Your rounds, comma separated, like onsite_coding,bar_raiser", max_length=200
    )


@dataclass(frozen=True, kw_only=True)
class MoveOptions:
    """`/prep move date:…`."""

    date: date = option("Your new interview date", kind="date", required=True)


def _today(ctx: Ctx) -> date:
    return member_today(ctx.clock, ctx.member, ctx.community.timezone)


def _rounds(raw: str | None) -> tuple[str, ...]:
    """Read "onsite_coding, bar raiser" as round ids; refuse an unknown one, naming the list."""
    if not raw:
        return ()
    words = [w.strip().lower().replace(" ", "_").replace("-", "_") for w in raw.split(",")]
    unknown = [w for w in words if w and w not in ROUNDS]
    if unknown:
        raise UserError(
            rich(
                "I don't know the round ",
                UserText(unknown[0][:40]),
                f". Rounds: {', '.join(ROUNDS)}.",
            )
        )
    return tuple(dict.fromkeys(w for w in words if w))


def _window(ctx: Ctx, interview: date) -> tuple[date, int, str]:
    today = _today(ctx)
    try:
        span = window(today, interview)
    except ValueError:
        raise UserError(
            f"{interview.isoformat()} is not after today ({today.isoformat()} in your time "
            "zone). Give the date of your interview, like 2027-01-20."
        ) from None
    return span.start, span.days, span.note


@ROUTES.command("prep", "start", "Plan your prep to your interview date", StartOptions)
def prep_start(ctx: Ctx, options: StartOptions) -> Reply:
    store = ctx.store(PrepStore)
    if store.plan_of(ctx.member_id) is not None:
        raise UserError(
            "You already have a prep plan. `/prep` shows it, `/prep move date:…` changes the "
            "date, `/prep stop` ends it."
        )
    rounds = _rounds(options.rounds)
    start, days, note = _window(ctx, options.date)
    plan = PrepPlan(
        member_id=ctx.member_id,
        community_id=ctx.community_id,
        interview=options.date,
        start=start,
        role=(options.role or "")[:80],
        level=options.level,
        rounds=",".join(rounds),
    )
    store.add_plan(plan)
    store.save_items(ctx.member_id, build_plan(start, days, rounds, options.level))
    return Reply.note(_started(ctx, plan, days, note), title="Your prep plan is ready")


def _started(ctx: Ctx, plan: PrepPlan, days: int, note: str) -> str:
    focus = ", ".join(ROUND_NAMES[r] for r in plan.rounds.split(",") if r) or "every round"
    level = f" at {LEVEL_NAMES[plan.level]} level" if plan.level else ""
    lines = [
        f"{plural(days, 'item')}, one a day from {day_label(plan.start)} to "
        f"{day_label(plan.interview)} (your interview), for {focus}{level}: at least 40 % "
        "coding and 30 % LP stories, a mock each week, and the last 7 days review what you "
        "rated missed or partial.",
    ]
    if note:
        lines.append(note)
    lines.append(_dm_line(ctx))
    lines.append("`/prep` shows your progress; a missed day moves to the next days.")
    return "\n\n".join(lines)


def _dm_line(ctx: Ctx) -> str:
    at = ctx.store(PrepStore).practice_time(ctx.member_id)
    if at is None:
        return "To get each day's item by DM, turn on `/practice daily at:08:00`."
    return f"Each day's item comes in your daily practice DM at {at[0]} ({at[1]})."


@ROUTES.command("prep", "show", "Your prep plan: countdown, this week, progress", default=True)
def prep_show(ctx: Ctx, _: NoOptions) -> Reply:
    now = _require(ctx)
    return Reply.ephemeral(plan_view(now))


def _require(ctx: Ctx) -> Standing:
    now = standing(ctx.store(PrepStore), ctx.member_id, _today(ctx))
    if now is None:
        raise UserError(NO_PLAN)
    return now


@ROUTES.command("prep", "move", "Move your interview date and replan", MoveOptions)
def prep_move(ctx: Ctx, options: MoveOptions) -> Reply:
    now = _require(ctx)
    start, days, note = _window(ctx, options.date)
    store = ctx.store(PrepStore)
    store.drop_open_items(ctx.member_id)
    first = max((i.seq for i in now.items), default=0) + 1
    store.save_items(
        ctx.member_id, build_plan(start, days, now.rounds, now.plan.level, first_seq=first)
    )
    now.plan.interview, now.plan.start = options.date, start
    done = sum(i.done is not None for i in now.items)
    kept = f" The {plural(done, 'item')} you did still count." if done else ""
    span = f"{plural(days, 'item')} from {day_label(start)}"
    text = f"Replanned to {day_label(options.date)}: {span}.{kept}"
    return Reply.note(f"{text}\n\n{note}".strip())


@ROUTES.command("prep", "stop", "End your prep plan")
def prep_stop(ctx: Ctx, _: NoOptions) -> Reply:
    store = ctx.store(PrepStore)
    if store.plan_of(ctx.member_id) is None:
        return Reply.note("You have no prep plan, so there is nothing to stop.")
    store.forget_member(ctx.member_id)
    return Reply.note(
        "Your prep plan is ended and cleared. Good luck! `/prep start` begins a new one."
    )


@ROUTES.action("pp.next")
def prep_next(ctx: Ctx, _: str) -> Reply:
    now = _require(ctx)
    todo = due_today(now.items, now.today)
    if not todo:
        return Reply.note("Nothing left for today. `/practice` has more if you want it.")
    item = with_question(ctx.store(PrepStore), now, todo[0])
    question = ctx.store(PrepStore).question(item.question_id) if item.question_id else None
    return Reply.ephemeral(item_card(now, item, question))


@ROUTES.action("pp.done")
def prep_done(ctx: Ctx, value: str) -> Reply:
    now = _require(ctx)
    seq = row_id(value)
    item = next((i for i in now.items if i.seq == seq), None)
    if item is None:
        raise UserError("That item is no longer in your plan. `/prep` shows today's.")
    if item.done is not None:
        return Reply.note("Already done. Well done!")
    if min(item.day, item.slot) > now.today:  # a missed item pushed later may be done now
        raise UserError(f"That item is planned for {day_label(item.day)}; it opens then.")
    ctx.store(PrepStore).save_items(ctx.member_id, [replace(item, done=now.today)])
    left = len(due_today(now.items, now.today)) - (1 if item.day == now.today else 0)
    more = f"{plural(left, 'item')} left today: /prep." if left > 0 else "That's today's plan done."
    return Reply.note(f"Marked done. {more}")
