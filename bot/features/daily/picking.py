"""Choosing and claiming the day's question: one post per channel and day, never a repeat soon."""

from __future__ import annotations

from datetime import date

from bot.app.context import Ctx
from bot.app.registry import UserError
from bot.bank.live import Candidate, candidates_visible_to, live_candidates
from bot.content import ANY_DAY, DayFilter
from bot.core.clock import local_date, seeded
from bot.core.rotation import pick_question
from bot.features.daily.store import (
    DailyStore,
    PostKey,
    insert_posts,
    posts_of_days,
    used_question_ids,
)
from bot.features.daily.tables import DailyPost
from bot.features.sprints.api import calendar_of
from bot.storage.uow import Session

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
    """The channel's day and the plan's filter for it: its sprint's, else the community's day."""
    sprint = ctx.store(DailyStore).live_sprint(ctx.actor.channel_id)
    if sprint is None:
        return ctx.today(), ANY_DAY
    today = local_date(ctx.clock, sprint.timezone)
    return today, DayFilter.of(calendar_of(sprint).focus_on(today))


def todays_post(ctx: Ctx) -> DailyPost:
    """The channel's post for today, chosen by its sprint's plan the first time."""
    today, focus = todays_plan(ctx)
    return claim_post(ctx.store(DailyStore), ctx.actor.channel_id, today, focus)


def channel_zone(ctx: Ctx) -> str:
    """The time zone of the caller's channel: its sprint's, else the community's."""
    sprint = ctx.store(DailyStore).live_sprint(ctx.actor.channel_id)
    return sprint.timezone if sprint is not None else ctx.community.timezone
