"""Choosing and claiming the day's question: one post per channel and day, never a repeat soon."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.app.context import Ctx
from bot.app.registry import UserError
from bot.bank import catalog
from bot.bank.live import Candidate, candidates_visible_to, is_visible_to, live_candidates
from bot.content import ANY_DAY, DayFilter
from bot.core.clock import local_date, seeded
from bot.core.rotation import pick_question
from bot.core.vocabulary import WEEKDAYS
from bot.features.daily.store import (
    DailyStore,
    PostKey,
    histories,
    insert_posts,
    posts_of_days,
    posts_of_keys,
    schedules_of,
    used_question_ids,
)
from bot.features.daily.tables import DailyPost, QuestionSchedule
from bot.features.sprints.api import calendar_of
from bot.storage.uow import Session
from bot.tracks import Track, default_track, tracks_of

NO_QUESTIONS = "The question bank is empty. An admin can load it with `preploop content sync`."


def claim_post(
    store: DailyStore, channel_id: str, day: date, focus: DayFilter = ANY_DAY
) -> DailyPost:
    """Return the day's post for a channel, choosing its question the first time."""
    found = store.post_of_day(channel_id, day)
    if found is not None:
        return found
    question_id = choose_question(store, day, focus)
    store.insert_posts([(channel_id, day, question_id)])
    post = store.post_of_day(channel_id, day)  # ours, or a racing transaction's
    assert post is not None
    return post


def choose_question(
    store: DailyStore, day: date, focus: DayFilter = ANY_DAY, exclude: str | None = None
) -> str:
    """Pick the next question, by the plan's filter when it has any, never a repeat too soon."""
    used = store.used_question_ids()
    return pick_next(store.live_candidates(), used, store.community_id, day, focus, exclude)


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
    bank = [row for row in candidates_visible_to(bank, community_id) if row.id != exclude]
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


def claim_posts(session: Session, wanted: dict[PostKey, DayFilter]) -> dict[PostKey, DailyPost]:
    """claim_post for many channels at once (the scheduler's fan-out), in a few statements."""
    communities = {community for community, _, _ in wanted}
    posts = posts_of_days(session, communities, {day for _, _, day in wanted})
    used = used_question_ids(session, communities)
    bank = live_candidates(session)
    fresh = []
    for key, focus in wanted.items():
        if key not in posts:
            community, channel, day = key
            question_id = pick_next(bank, used[community], community, day, focus)
            used[community].append(question_id)
            fresh.append((community, channel, day, question_id))
    if fresh:
        insert_posts(session, fresh)
        days = {d for _, _, d, _ in fresh}
        posts.update(posts_of_days(session, {c for c, _, _, _ in fresh}, days))
    return {key: posts[key] for key in wanted}


def todays_plan(ctx: Ctx) -> tuple[date, DayFilter]:
    """The channel's day and the plan's filter for it: its sprint's, else its standing
    schedule's track, else the community's day."""
    store = ctx.store(DailyStore)
    sprint = store.live_sprint(ctx.actor.channel_id)
    if sprint is None:
        schedule = store.schedule(ctx.actor.channel_id)
        if schedule is None:
            return ctx.today(), ANY_DAY
        today = local_date(ctx.clock, schedule.timezone)
        return today, track_of(schedule.track).on(WEEKDAYS[today.weekday()])
    today = local_date(ctx.clock, sprint.timezone)
    return today, DayFilter.of(calendar_of(sprint).focus_on(today))


def todays_post(ctx: Ctx) -> DailyPost:
    """The channel's post for today, chosen by its sprint's plan (or its track) the first time."""
    store = ctx.store(DailyStore)
    standing = standing_schedule(ctx)
    if standing is not None:
        return claim_standing_post(store, standing, local_date(ctx.clock, standing.timezone))
    today, focus = todays_plan(ctx)
    return claim_post(store, ctx.actor.channel_id, today, focus)


def choose_again(ctx: Ctx, post: DailyPost) -> str:
    """Another question for a post not yet answered (`/question skip`, Skip on a preview)."""
    store = ctx.store(DailyStore)
    standing = standing_schedule(ctx)
    if standing is not None and store.live_sprint(post.channel_id) is None:
        return choose_for_schedule(store, standing, post.local_date, exclude=post.question_id)
    _day, focus = todays_plan(ctx)
    return choose_question(store, post.local_date, focus, exclude=post.question_id)


def standing_schedule(ctx: Ctx) -> QuestionSchedule | None:
    """The caller's channel's standing schedule, unless a live sprint holds the channel."""
    store = ctx.store(DailyStore)
    if store.live_sprint(ctx.actor.channel_id) is not None:
        return None
    return store.schedule(ctx.actor.channel_id)


def channel_zone(ctx: Ctx) -> str:
    """The time zone of the caller's channel: its sprint's, its schedule's, else the community's."""
    store = ctx.store(DailyStore)
    sprint = store.live_sprint(ctx.actor.channel_id)
    if sprint is not None:
        return sprint.timezone
    schedule = store.schedule(ctx.actor.channel_id)
    return schedule.timezone if schedule is not None else ctx.community.timezone


# Standing schedules: each channel walks through its own track.

RECENT = timedelta(days=30)  # no question comes back within this while others remain


def track_of(track_id: str) -> Track:
    """A track of the content by its id; the default one if it was removed since."""
    tracks = tracks_of(catalog.bank())
    return tracks.get(track_id) or default_track(tracks)


@dataclass(frozen=True)
class TrackPick:
    """The question a standing schedule asks next, and whether its track started over."""

    question_id: str
    restarted: bool


def claim_standing_post(store: DailyStore, schedule: QuestionSchedule, day: date) -> DailyPost:
    """Return the day's post of a channel with a standing schedule, choosing it the first time."""
    found = store.post_of_day(schedule.channel_id, day)
    if found is not None:
        return found
    store.insert_posts([(schedule.channel_id, day, choose_for_schedule(store, schedule, day))])
    post = store.post_of_day(schedule.channel_id, day)  # ours, or a racing transaction's
    assert post is not None
    return post


def choose_for_schedule(
    store: DailyStore, schedule: QuestionSchedule, day: date, exclude: str | None = None
) -> str:
    """Pick a channel's next question from its track, noting when the track starts over."""
    history = store.channel_history(schedule.channel_id)
    return _picked(schedule, store.live_candidates(), history, day, exclude)


def _picked(
    schedule: QuestionSchedule,
    bank: list[Candidate],
    history: list[tuple[str, date]],
    day: date,
    exclude: str | None = None,
) -> str:
    track = track_of(schedule.track)
    rng = seeded(schedule.community_id, schedule.channel_id, day.isoformat(), track.id)
    pick = pick_from_track(
        bank, history, track, day, rng, schedule.cycle_start, exclude, schedule.community_id
    )
    if pick.restarted:
        schedule.cycle_start = day
    return pick.question_id


def pick_from_track(
    bank: Sequence[Candidate],
    history: Sequence[tuple[str, date]],
    track: Track,
    day: date,
    rng: random.Random,
    cycle_start: date | None = None,
    exclude: str | None = None,
    community_id: int | None = None,
) -> TrackPick:
    """Choose a channel's next question of its track, given what it asked (oldest first).

    Questions not yet asked in this round of the track come first, by the weekday's rotation
    (widened when it has none left); none asked in the last 30 days while any other remains.
    When every question of the track was asked, the track starts over (`restarted`) from the
    question asked longest ago.
    """

    def allowed(q: Candidate) -> bool:  # never a question of another community
        return q.id != exclude and (
            community_id is None or is_visible_to(q.community_id, community_id)
        )

    pool = [q for q in track_pool(bank, track) if allowed(q)]
    pool = pool or [q for q in bank if allowed(q)]
    if not pool:
        raise UserError(NO_QUESTIONS)
    last = dict(history)  # oldest first: the latest day wins
    this_round = {qid for qid, asked in history if cycle_start is None or asked >= cycle_start}
    open_ = [q for q in pool if q.id not in this_round]
    restarted = not open_
    recent = {qid for qid, asked in last.items() if day - asked < RECENT}
    ids = _first_fresh(open_ or pool, track.on(WEEKDAYS[day.weekday()]), recent)
    never = sorted(qid for qid in ids if qid not in last)
    question_id = rng.choice(never) if never else min(ids, key=lambda qid: (last[qid], qid))
    return TrackPick(question_id, restarted)


def _first_fresh(open_: list[Candidate], focus: DayFilter, recent: set[str]) -> list[str]:
    """The narrowest widening of the day's filter with a question not asked lately; if every
    one was, the narrowest with any (worked out step by step: the first usually answers)."""
    fallback: list[str] = []
    for step in [*focus.widening(), DayFilter()]:
        layer = [
            q.id
            for q in open_
            if step.admits(q.category, q.difficulty, q.rounds, q.topic, q.levels)
        ]
        fresh = [qid for qid in layer if qid not in recent]
        if fresh:
            return fresh
        fallback = fallback or layer
    return fallback


def track_pool(bank: Sequence[Candidate], track: Track) -> list[Candidate]:
    """The questions of the bank a track may ask (worked out once per fan-out)."""
    pools = getattr(bank, "pools", None)
    if pools is not None and track.id in pools:
        return list(pools[track.id])
    pool = [q for q in bank if track.filter.admits(q.category, q.difficulty, q.rounds, q.levels)]
    if pools is not None:
        pools[track.id] = pool
    return pool


class _PooledBank(list[Candidate]):
    """The live bank with each track's pool worked out once (the scheduler's fan-out)."""

    def __init__(self, bank: Sequence[Candidate]) -> None:
        super().__init__(bank)
        self.pools: dict[str, list[Candidate]] = {}


def claim_standing_posts(
    session: Session, keys: Sequence[PostKey]
) -> tuple[dict[PostKey, DailyPost], set[PostKey]]:
    """claim_standing_post for many channels at once (the scheduler's fan-out).

    Also returns the posts on which a channel's track started over, to tell the channel.
    """
    schedules = schedules_of(session, {(c, ch) for c, ch, _ in keys})
    posts = posts_of_keys(session, keys)
    missing = [key for key in keys if key not in posts and key[:2] in schedules]
    if missing:
        asked = histories(session, {key[:2] for key in missing})
        bank = _PooledBank(live_candidates(session))
        rows = [
            (c, ch, d, _picked(schedules[(c, ch)], bank, asked[(c, ch)], d)) for c, ch, d in missing
        ]
        insert_posts(session, rows)
        posts.update(posts_of_keys(session, missing))
    restarts = {
        key
        for key in keys
        if key in posts and (s := schedules.get(key[:2])) is not None and s.cycle_start == key[2]
    }
    return {key: posts[key] for key in keys if key in posts}, restarts
