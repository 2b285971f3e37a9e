"""Standing schedules: `/question schedule` sets, shows and stops a channel's question of the
day; `/question next` previews the next one privately, with Skip to swap it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.app.context import Ctx
from bot.app.registry import NoOptions, Registry, UserError, option
from bot.bank import catalog
from bot.core.calendar import local_moment
from bot.core.cards import Button, Card, Field, Reply, Text, UserText, rich
from bot.core.clock import local_date
from bot.core.timezones import local_label
from bot.features.daily.handlers import post_for
from bot.features.daily.picking import choose_for_schedule, claim_standing_post, track_of
from bot.features.daily.schedule_rules import (
    EVERY_DAY,
    OFF_WORDS,
    days_label,
    next_post_at,
    parse_board_day,
    parse_days,
    parse_post_time,
)
from bot.features.daily.standing import reveal_time
from bot.features.daily.store import DailyStore
from bot.features.daily.tables import DailyPost, QuestionSchedule
from bot.tracks import default_track, tracks_of

ROUTES = Registry()

NO_SCHEDULE = (
    "This channel has no standing schedule. Start one with "
    "`/question schedule time:09:00 timezone:Europe/Berlin`."
)
DEFAULT_TIME = "09:00"


@dataclass(frozen=True, kw_only=True)
class ScheduleOptions:
    """The options of `/question schedule`; none given shows the schedule."""

    time: str | None = option("Local post time like 09:00, or off to stop", max_length=8)
    timezone: str | None = option(
        "Time zone, like Europe/Berlin (default: the community's)", "timezone"
    )
    days: str | None = option("Days to post: mon-fri, mon,wed,fri or every", max_length=40)
    track: str | None = option("Track to follow, like mle-mixed, coding, ml or lp", max_length=40)
    weekly_board: str | None = option("Day to post the weekly leaderboard, or off", max_length=8)

    def given(self) -> bool:
        return any(v is not None for v in vars(self).values())


@ROUTES.command(
    "question",
    "schedule",
    "Post the question of the day here on a standing schedule (no options: show it)",
    ScheduleOptions,
    admin=True,
)
def schedule_command(ctx: Ctx, options: ScheduleOptions) -> Reply:
    store = ctx.store(DailyStore)
    schedule = store.schedule(ctx.actor.channel_id)
    if not options.given():
        if schedule is None:
            return Reply.note(NO_SCHEDULE)
        return Reply.ephemeral(schedule_card(ctx, schedule, "Question of the day in this channel"))
    if (options.time or "").strip().lower() in OFF_WORDS:
        return _switched_off(store, schedule)
    fresh = schedule is None
    schedule = schedule or QuestionSchedule(
        community_id=ctx.community_id,
        channel_id=ctx.actor.channel_id,
        post_time=DEFAULT_TIME,
        timezone=ctx.community.timezone,
        days=EVERY_DAY,
        track=default_track(tracks_of(catalog.bank())).id,
        created_by=ctx.actor.user_id,
    )
    _apply(schedule, options)
    if fresh or options.time or options.timezone or options.days:
        schedule.created_at = ctx.clock.now()  # a post time already past today waits a day
    store.save_schedule(schedule)
    title = "Question of the day: " + ("scheduled here" if fresh else "schedule changed")
    return Reply.channel(schedule_card(ctx, schedule, title))


def _apply(schedule: QuestionSchedule, options: ScheduleOptions) -> None:
    """Change what the options set, checking each first."""
    if options.time is not None:
        schedule.post_time = parse_post_time(options.time)
        schedule.reveal_time = reveal_time(schedule.post_time, schedule.reveal_lead_minutes)
    if options.timezone is not None:
        schedule.timezone = options.timezone
    if options.days is not None:
        schedule.days = parse_days(options.days)
    if options.track is not None:
        schedule.track = _track_id(options.track)
    if options.weekly_board is not None:
        schedule.weekly_board = parse_board_day(options.weekly_board)


def _track_id(typed: str) -> str:
    tracks = tracks_of(catalog.bank())
    key = typed.strip().lower()
    if key in tracks:
        return key
    names = ", ".join(f"`{tid}`" for tid in tracks)
    raise UserError(rich("There is no track “", UserText(typed[:40]), f"”. Tracks: {names}."))


def _switched_off(store: DailyStore, schedule: QuestionSchedule | None) -> Reply:
    if schedule is None:
        return Reply.note("This channel has no standing schedule, so there is nothing to stop.")
    store.drop_schedule(schedule)
    return Reply.channel(
        Card(
            title="Question of the day: schedule stopped",
            text="No more questions post here on their own. `/question` still shows today's.",
        )
    )


def schedule_card(ctx: Ctx, schedule: QuestionSchedule, title: str) -> Card:
    """The schedule as an admin reads it: when, which track, the next post, a sprint's hold."""
    track = track_of(schedule.track)
    fields = [
        Field("Posts", f"{schedule.post_time} {schedule.timezone}, {days_label(schedule.days)}"),
        Field("Track", f"{track.name} (`{track.id}`)"),
        Field("Next post", _next_label(ctx, schedule)),
        Field("Weekly leaderboard", _board_label(schedule)),
    ]
    others = ", ".join(f"`{tid}`" for tid in tracks_of(catalog.bank()) if tid != track.id)
    footer = (
        f"Other tracks: {others}. " * bool(others)
        + "`/question schedule time:off` stops it; `/question next` previews the next question."
    )
    return Card(title=title, fields=tuple(fields), footer=footer)


def _board_label(schedule: QuestionSchedule) -> str:
    if not schedule.weekly_board:
        return "off (`weekly_board:mon` posts it on Mondays)"
    return f"{schedule.weekly_board.title()}days at {schedule.post_time}"


def _next_label(ctx: Ctx, schedule: QuestionSchedule) -> Text:
    sprint = ctx.store(DailyStore).live_sprint(schedule.channel_id)
    if sprint is not None:
        return rich(
            "held by the sprint “",
            UserText(sprint.name),
            "”, which posts here while it runs; this schedule resumes after it ends",
        )
    return local_label(next_moment(ctx, schedule), schedule.timezone)


def next_moment(ctx: Ctx, schedule: QuestionSchedule) -> datetime:
    """When the schedule posts next, counting today's post if it already went out."""
    today = local_date(ctx.clock, schedule.timezone)
    post = ctx.store(DailyStore).post_of_day(schedule.channel_id, today)
    posted: date | None = today if post is not None and post.posted_at is not None else None
    now = ctx.clock.now()
    created = (
        schedule.created_at
        if schedule.created_at.tzinfo
        else schedule.created_at.replace(tzinfo=UTC)
    )
    if created > local_moment(today, time.fromisoformat(schedule.post_time), schedule.timezone):
        posted = today  # made after today's post time: its first post is the next one
    return next_post_at(schedule.post_time, schedule.days, schedule.timezone, now, posted=posted)


@ROUTES.command(
    "question", "next", "Preview the next scheduled question (only you see it)", admin=True
)
def preview_next(ctx: Ctx, _: NoOptions) -> Reply:
    store = ctx.store(DailyStore)
    schedule = store.schedule(ctx.actor.channel_id)
    if schedule is None:
        raise UserError(NO_SCHEDULE)
    if store.live_sprint(ctx.actor.channel_id) is not None:
        raise UserError(
            "A sprint posts here while it runs, so the schedule has no next question yet. "
            "`/question skip` swaps today's sprint question."
        )
    moment = next_moment(ctx, schedule)
    day = moment.astimezone(_zone(schedule)).date()
    post = claim_standing_post(store, schedule, day)
    return _preview(ctx, schedule, post, moment)


@ROUTES.action("q.next-skip", admin=True)
def skip_next(ctx: Ctx, value: str) -> Reply:
    if not ctx.actor.is_admin:
        raise UserError("Only community admins can swap the next question.")
    post, _ = post_for(ctx, value)
    store = ctx.store(DailyStore)
    schedule = store.schedule(post.channel_id)
    if schedule is None or post.posted_at is not None:
        raise UserError("That question is already posted. `/question skip` swaps today's.")
    assert post.id is not None
    if store.is_answered(post.id):
        raise UserError("Members have already answered that question, so it stays.")
    post.question_id = choose_for_schedule(store, schedule, post.local_date, post.question_id)
    moment = next_post_at(schedule.post_time, schedule.days, schedule.timezone, ctx.clock.now())
    return _preview(ctx, schedule, post, moment, swapped=True)


def _preview(
    ctx: Ctx,
    schedule: QuestionSchedule,
    post: DailyPost,
    moment: datetime,
    *,
    swapped: bool = False,
) -> Reply:
    _, question = post_for(ctx, str(post.id))
    when = local_label(moment, schedule.timezone)
    if moment.astimezone(_zone(schedule)).date() != post.local_date:
        when = f"{post.local_date:%a} {post.local_date.day} {post.local_date:%b}"
    level = f"{question.category.replace('_', ' ')} · {question.difficulty}"
    card = Card(
        title=("Swapped. " * swapped) + f"Next question: {question.title}",
        text=str(question.data.get("prompt", ""))[:600],
        fields=(Field("Posts", when, inline=True), Field("Kind", level, inline=True)),
        buttons=(Button("Skip", "q.next-skip", str(post.id)),),
        footer="Only you see this. Skip swaps it for another question of the track.",
    )
    return Reply.ephemeral(card)


def _zone(schedule: QuestionSchedule) -> ZoneInfo:
    return ZoneInfo(schedule.timezone)
