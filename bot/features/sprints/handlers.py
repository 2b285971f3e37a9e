"""Prep sprints: admins start, inspect, pause, resume and end them; one active sprint a channel."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from bot.app.context import Ctx
from bot.app.registry import Args, NoOptions, Option, Registry, UserError
from bot.bank import catalog
from bot.content import CATEGORY_NAMES, LEVEL_NAMES, ROUND_NAMES, SprintTemplate
from bot.core.calendar import WEEKDAYS, Calendar, DayFocus, Pause, Week, cycle_weeks, day_label
from bot.core.cards import Card, Field, Reply, UserText, rich
from bot.core.clock import local_date
from bot.core.words import plural
from bot.features.leaderboard.posts import recap_card
from bot.features.sprints.tables import Sprint

ROUTES = Registry()

LIVE = ("active", "paused")
DEFAULT_TEMPLATE = "mle-4-week"
PLAN_DAYS = 14
LATE_GRACE = timedelta(minutes=15)  # a post this late goes out even without catch-up
HORIZON_DAYS = 365  # a later start is a typo (and 9999-12-31 would run past the calendar)


def plan_from(template: SprintTemplate, weeks: int) -> list[dict[str, Any]]:
    """Turn a template into the stored weekly plan, cut or extended to the sprint's length."""
    shaped = tuple(
        Week(w.theme, {d: DayFocus(**p.model_dump()) for d, p in w.days.items()})
        for w in template.weeks
    )
    return [
        {"theme": w.theme, "days": {d: vars(f) for d, f in w.days.items()}}
        for w in cycle_weeks(shaped, weeks)
    ]


def calendar_of(sprint: Sprint) -> Calendar:
    """Build the pure calendar of a stored sprint."""
    weeks = tuple(Week(w["theme"], StoredDays(w["days"])) for w in sprint.plan)
    pauses = [Pause(date.fromisoformat(first), days) for first, days in sprint.pauses]
    if sprint.paused_since is not None:
        pauses.append(Pause(sprint.paused_since))
    at = time.fromisoformat(sprint.post_time)
    return Calendar(sprint.start_date, weeks, at, sprint.timezone, tuple(pauses))


class StoredDays(Mapping[str, DayFocus]):
    """A stored week's day plans, each made a DayFocus only when it is asked for.

    The scheduler looks at one or two days of every active sprint each minute; making every
    day of every week cost about 0.1 s a tick with 1,000 sprints.
    """

    __slots__ = ("_stored",)

    def __init__(self, stored: dict[str, dict[str, Any]]) -> None:
        self._stored = stored

    def __getitem__(self, day: str) -> DayFocus:
        return DayFocus(**self._stored[day])

    def __iter__(self) -> Iterator[str]:
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)


def live_sprint(session: Session, community_id: int, channel_id: str) -> Sprint | None:
    """Return the channel's active or paused sprint."""
    found = session.exec(_LIVE_SPRINT, params={"community": community_id, "channel": channel_id})
    return found.first()


_LIVE_SPRINT = select(Sprint).where(  # built once: /question asks it every time
    col(Sprint.community_id) == bindparam("community"),
    col(Sprint.channel_id) == bindparam("channel"),
    col(Sprint.status).in_(LIVE),
)


def _require_live(ctx: Ctx) -> Sprint:
    sprint = live_sprint(ctx.session, ctx.community_id, ctx.actor.channel_id)
    if sprint is None:
        raise UserError("There is no sprint in this channel. Start one with `/sprint start`.")
    return sprint


@ROUTES.command_untyped(
    "sprint",
    "start",
    "Start a prep sprint in this channel",
    Option("name", "Name of the sprint", required=True, max_length=100),
    Option("start", "First day, like 2026-12-07 (default: tomorrow)", kind="date"),
    Option(
        "weeks", "Length in weeks (default: the template's)", kind="int", min_value=1, max_value=12
    ),
    Option("template", "Plan to follow", kind="choice", choices=("mle-4-week", "mle-6-week")),
    Option("time", "Local post time, like 09:00 (default 09:00)", kind="time"),
    Option("timezone", "Time zone, like Europe/Berlin (default: the community's)", kind="timezone"),
    admin=True,
)
def start_sprint(ctx: Ctx, args: Args) -> Reply:
    tz = args.get("timezone") or ctx.community.timezone
    today = local_date(ctx.clock, tz)
    start: date = args.get("start") or today + timedelta(days=1)
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
    template = catalog.bank().templates.get(args.get("template") or DEFAULT_TEMPLATE)
    if template is None:
        raise UserError("That sprint template is not in the content folder.")
    weeks = args.get("weeks") or len(template.weeks)
    clash = live_sprint(ctx.session, ctx.community_id, ctx.actor.channel_id)
    if clash is not None:
        raise UserError(
            rich(
                "This channel already has a sprint, **",
                UserText(clash.name),
                "**. End it with `/sprint end` before starting another.",
            )
        )
    at: time = args.get("time") or time(9, 0)
    sprint = Sprint(
        community_id=ctx.community_id,
        channel_id=ctx.actor.channel_id,
        name=args["name"],
        template_id=template.id,
        start_date=start,
        weeks=weeks,
        post_time=at.strftime("%H:%M"),
        timezone=tz,
        plan=plan_from(template, weeks),
        created_by=ctx.actor.user_id,
    )
    ctx.session.add(sprint)
    ctx.session.flush()
    cal = calendar_of(sprint)
    text = rich(
        "**",
        UserText(sprint.name),
        f"** runs {start.isoformat()} to {cal.end.isoformat()} "
        f"({plural(weeks, 'week')}). The question posts here at {sprint.post_time} {tz}; "
        "the strong answer is revealed in its thread before the next one.",
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
    sprint = _require_live(ctx)
    cal = calendar_of(sprint)
    today = local_date(ctx.clock, sprint.timezone)
    reached = _reached(sprint, cal, today)
    week = cal.week_index(reached)
    fields = [
        Field("Status", f"{_state(sprint)} · {_where(sprint, cal, reached)}", inline=True),
        Field("Posts", f"{sprint.post_time} {sprint.timezone}", inline=True),
        Field("Ends", _ends(sprint, cal)),
        Field("Today", describe_day(cal.focus_on(today))),
    ]
    if week is not None:
        fields.insert(2, Field("This week", cal.weeks[week].theme))
    return Reply.ephemeral(
        Card(title=rich("Sprint: ", UserText(sprint.name)), fields=tuple(fields))
    )


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
    card = recap_card(ctx.session, sprint)
    if card is None:
        nobody = ". Nobody took part, so there is no recap to post."
        return Reply.note(rich("Ended ", UserText(sprint.name), nobody))
    return Reply.channel(card)
