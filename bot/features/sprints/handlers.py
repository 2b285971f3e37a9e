"""Prep sprints: admins start, inspect, pause, resume and end them; one active sprint a channel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date, time, timedelta

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, option
from bot.bank import catalog
from bot.core.calendar import Calendar, DayFocus, day_label
from bot.core.cards import Card, Field, Reply, UserText, rich
from bot.core.clock import local_date
from bot.core.vocabulary import CATEGORY_NAMES, LEVEL_NAMES, ROUND_NAMES, WEEKDAYS
from bot.core.words import plural
from bot.features.daily.api import schedule_after_sprint
from bot.features.leaderboard.api import sprint_recap
from bot.features.prep.api import plans_line
from bot.features.sprints.calendar import calendar_of, plan_from
from bot.features.sprints.store import SprintStore
from bot.features.sprints.tables import Sprint

ROUTES = Registry()

DEFAULT_TEMPLATE = "mle-4-week"
PLAN_DAYS = 14
LATE_GRACE = timedelta(minutes=15)  # a post this late goes out even without catch-up
HORIZON_DAYS = 365  # a later start is a typo (and 9999-12-31 would run past the calendar)


def _require_live(ctx: Ctx) -> Sprint:
    sprint = ctx.store(SprintStore).live_in(ctx.actor.channel_id)
    if sprint is None:
        raise UserError("There is no sprint in this channel. Start one with `/sprint start`.")
    return sprint


@dataclass(frozen=True, kw_only=True)
class StartOptions:
    """The options of `/sprint start`."""

    name: str = option("Name of the sprint", required=True, max_length=100)
    start: date | None = option("First day, like 2026-12-07 (default: tomorrow)", "date")
    weeks: int | None = option(
        "Length in weeks (default: the template's)", "int", min_value=1, max_value=12
    )
    template: str | None = option("Plan to follow", "choice", choices=("mle-4-week", "mle-6-week"))
    time: dt.time | None = option("Local post time, like 09:00 (default 09:00)", "time")
    timezone: str | None = option(
        "Time zone, like Europe/Berlin (default: the community's)", "timezone"
    )


@ROUTES.command("sprint", "start", "Start a prep sprint in this channel", StartOptions, admin=True)
def start_sprint(ctx: Ctx, options: StartOptions) -> Reply:
    """Start a sprint in the caller's channel and announce it there."""
    tz = options.timezone or ctx.community.timezone
    start = _start_day(options.start, local_date(ctx.clock, tz), tz)
    template = catalog.bank().templates.get(options.template or DEFAULT_TEMPLATE)
    if template is None:
        raise UserError("That sprint template is not in the content folder.")
    weeks = options.weeks or len(template.weeks)
    store = ctx.store(SprintStore)
    _refuse_a_second(store.live_in(ctx.actor.channel_id))
    at = options.time or time(9, 0)
    sprint = Sprint(
        community_id=ctx.community_id,
        channel_id=ctx.actor.channel_id,
        name=options.name,
        template_id=template.id,
        start_date=start,
        weeks=weeks,
        post_time=at.strftime("%H:%M"),
        timezone=tz,
        plan=plan_from(template, weeks),
        created_by=ctx.actor.user_id,
    )
    return _announced(store.add(sprint))


def _start_day(asked: date | None, today: date, tz: str) -> date:
    """The first day asked for (tomorrow by default), if it is neither past nor a year away."""
    start = asked or today + timedelta(days=1)
    if start < today:
        raise UserError(
            f"The start date {start.isoformat()} is in the past; today is "
            f"{today.isoformat()} in {tz}."
        )
    if start > today + timedelta(days=HORIZON_DAYS):
        raise UserError(
            f"The start date {start.isoformat()} is more than a year away; pick a day before "
            f"{(today + timedelta(days=HORIZON_DAYS + 1)).isoformat()}."
        )
    return start


def _refuse_a_second(clash: Sprint | None) -> None:
    """One live sprint a channel."""
    if clash is not None:
        raise UserError(
            rich(
                "This channel already has a sprint, **",
                UserText(clash.name),
                "**. End it with `/sprint end` before starting another.",
            )
        )


def _announced(sprint: Sprint) -> Reply:
    """The channel card that a sprint starts."""
    cal = calendar_of(sprint)
    text = rich(
        "**",
        UserText(sprint.name),
        f"** runs {sprint.start_date.isoformat()} to {cal.end.isoformat()} "
        f"({plural(sprint.weeks, 'week')}). The question posts here at {sprint.post_time} "
        f"{sprint.timezone}; the strong answer is revealed in its thread before the next one.",
    )
    return Reply.channel(
        Card(
            title="A new prep sprint starts",
            text=text,
            fields=_week_fields(cal, limit=3),
            footer="/sprint plan shows the calendar; /leaderboard the season.",
        )
    )


def _week_fields(cal: Calendar, limit: int = 12) -> tuple[Field, ...]:
    return tuple(
        Field(f"Week {n}", week.theme) for n, week in enumerate(cal.weeks[:limit], start=1)
    )


def describe_day(focus: DayFocus | None) -> str:
    """One line for a day of the plan."""
    if focus is None:
        return "no post"
    parts = [CATEGORY_NAMES.get(focus.focus, focus.focus)]
    if focus.difficulty:
        parts.append(focus.difficulty)
    if focus.topic:
        parts.append(focus.topic)
    if focus.round and focus.round != focus.mock_round:
        parts.append(f"{ROUND_NAMES.get(focus.round, focus.round)} round")
    if focus.level:
        parts.append(f"for {LEVEL_NAMES.get(focus.level, focus.level)}")
    if focus.mock_round:
        parts.append(f"mock round: {ROUND_NAMES.get(focus.mock_round, focus.mock_round)}")
    if focus.story_prompt:
        parts.append(f"story prompt: {focus.story_prompt}")
    return " · ".join(parts)


@ROUTES.command("sprint", "status", "Show this channel's sprint", admin=True, default=True)
def sprint_status(ctx: Ctx, _: NoOptions) -> Reply:
    return Reply.ephemeral(status_card(ctx, _require_live(ctx)))


def status_card(ctx: Ctx, sprint: Sprint) -> Card:
    """The `/sprint status` card of a live sprint of the caller's community."""
    cal = calendar_of(sprint)
    today = local_date(ctx.clock, sprint.timezone)
    reached = _reached(sprint, cal, today)
    week = cal.week_index(reached)
    fields = [
        Field("Status", f"{_state(sprint)} · {_where(sprint, cal, reached)}", inline=True),
        Field("Posts", f"{sprint.post_time} {sprint.timezone}", inline=True),
        Field("Ends", _ends(sprint, cal)),
        Field("Today", describe_day(cal.focus_on(today))),
        Field("Prep plans", plans_line(ctx, today)),
    ]
    if week is not None:
        fields.insert(2, Field("This week", cal.weeks[week].theme))
    standing = schedule_after_sprint(ctx, sprint.channel_id)
    if standing:
        fields.append(Field("Question of the day", standing))
    return Card(title=rich("Sprint: ", UserText(sprint.name)), fields=tuple(fields))


def _reached(sprint: Sprint, cal: Calendar, today: date) -> date:
    """Return the day the plan stands on: today, or the day before the pause that holds today."""
    if sprint.paused_since is not None:
        return sprint.paused_since - timedelta(days=1)
    day = today
    while day > cal.start and cal.plan_day(day) is None:  # a day a finished pause held back
        day -= timedelta(days=1)
    return day


def _state(sprint: Sprint) -> str:
    if sprint.paused_since is None:
        return sprint.status
    return f"paused since {day_label(sprint.paused_since)}"


def _where(sprint: Sprint, cal: Calendar, day: date) -> str:
    week = cal.week_index(day)
    if week is not None:
        return f"week {week + 1} of {len(cal.weeks)}"
    return f"starts {sprint.start_date.isoformat()}" if day < sprint.start_date else "finished"


def _ends(sprint: Sprint, cal: Calendar) -> str:
    """The last day, and how far pauses moved it."""
    moved = f" (moved {plural(cal.moved, 'day')} by the pause)" if cal.moved else ""
    if sprint.paused_since is not None:
        return f"{day_label(cal.end)}{moved}, and one day later for each day of this pause"
    return f"{day_label(cal.end)}{moved}"


@ROUTES.command("sprint", "plan", "Show the coming two weeks of the sprint", admin=True)
def sprint_plan(ctx: Ctx, _: NoOptions) -> Reply:
    sprint = _require_live(ctx)
    cal = calendar_of(sprint)
    first = max(local_date(ctx.clock, sprint.timezone), sprint.start_date)
    days = [
        first + timedelta(days=n) for n in range(PLAN_DAYS) if first + timedelta(days=n) <= cal.end
    ]
    lines = [
        f"`{d.isoformat()} {WEEKDAYS[d.weekday()]}` {describe_day(cal.focus_on(d))}" for d in days
    ]
    text = "\n".join(lines) if lines else "The sprint has no days left."
    return Reply.ephemeral(
        Card(title=rich("Plan: ", UserText(sprint.name)), text=text, fields=_week_fields(cal))
    )


@ROUTES.command("sprint", "pause", "Pause the daily posts of this channel's sprint", admin=True)
def sprint_pause(ctx: Ctx, _: NoOptions) -> Reply:
    sprint = _require_live(ctx)
    if sprint.status == "paused":
        return Reply.note("The sprint is already paused. `/sprint resume` restarts it.")
    sprint.status = "paused"
    sprint.paused_since = max(_first_unposted(ctx, calendar_of(sprint)), sprint.start_date)
    return Reply.note(
        f"Paused from {day_label(sprint.paused_since)}: nothing posts until `/sprint resume`. "
        "The plan waits: resuming continues from the day it stopped, and the end moves by the "
        "paused days. Points so far are kept."
    )


def _first_unposted(ctx: Ctx, cal: Calendar, grace: timedelta = timedelta(0)) -> date:
    """Today, unless today's post time (plus a grace) has passed: then tomorrow."""
    today = local_date(ctx.clock, cal.timezone)
    return today if ctx.clock.now() < cal.post_at(today) + grace else today + timedelta(days=1)


@ROUTES.command("sprint", "resume", "Resume a paused sprint", admin=True)
def sprint_resume(ctx: Ctx, _: NoOptions) -> Reply:
    sprint = _require_live(ctx)
    if sprint.status == "active":
        return Reply.note("The sprint is already running.")
    sprint.status = "active"
    # Resumed soon enough, today's question still goes out: the scheduler posts it late.
    first = _first_unposted(ctx, calendar_of(sprint), grace=LATE_GRACE)
    if sprint.paused_since is not None:
        held = (first - sprint.paused_since).days
        if held > 0:
            sprint.pauses = [*sprint.pauses, [sprint.paused_since.isoformat(), held]]
        sprint.paused_since = None
    return Reply.note(_resumed(sprint, calendar_of(sprint), first))


def _resumed(sprint: Sprint, cal: Calendar, first: date) -> str:
    days = [first + timedelta(days=n) for n in range(max(0, (cal.end - first).days + 1))]
    upcoming = next((d for d in days if cal.focus_on(d) is not None), None)
    if upcoming is None:
        return "Resumed, but the plan has no days left; the recap posts after its last day."
    return (
        f"Resumed: the plan continues from the day it stopped. The next question posts "
        f"{day_label(upcoming)} at {sprint.post_time} {sprint.timezone}; "
        f"the sprint ends {_ends(sprint, cal)}."
    )


@ROUTES.command("sprint", "end", "End this channel's sprint now and post its recap", admin=True)
def sprint_end(ctx: Ctx, _: NoOptions) -> Reply:
    sprint = _require_live(ctx)
    sprint.status, sprint.ended_at = "ended", ctx.clock.now()
    card = sprint_recap(ctx, sprint)
    if card is None:
        nobody = ". Nobody took part, so there is no recap to post."
        return Reply.note(rich("Ended ", UserText(sprint.name), nobody))
    return Reply.channel(card)
