"""Scheduled work: find what is due, claim it exactly once, build its messages, record the result.

The scheduler (bot/jobs.py) calls find_due, then begin_many for a batch of items (claim +
build, one transaction), delivers the messages outside any transaction, then finish_many
(record a batch, one transaction). A claim is a unique row per community, channel, kind and
key, so however many processes tick, each post happens once; a claim whose process died is
taken over after its lease.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from bot.content import ANY_DAY, DayFilter
from bot.core.calendar import Calendar, local_moment
from bot.core.cards import Card, Message, UserText, Visibility, rich
from bot.core.clock import Clock
from bot.services.daily import claim_posts, find_post
from bot.services.leaderboard_posts import recap_card, weekly_card
from bot.services.ledger import upsert_insert
from bot.services.practice import pick_practice
from bot.services.question_cards import practice_card, question_card, reveal_card
from bot.services.sprints import LATE_GRACE, LIVE, calendar_of
from bot.storage.tables import Community, DailyPost, Member, Question
from bot.storage.tables_sprints import JobClaim, PracticePref, Sprint
from bot.storage.uow import is_retryable

log = logging.getLogger(__name__)

CLAIMS: Table = JobClaim.__table__  # type: ignore[attr-defined]
POSTS: Table = DailyPost.__table__  # type: ignore[attr-defined]
LEASE = timedelta(minutes=10)
CLAIM_WINDOW = timedelta(days=3)


@dataclass(frozen=True)
class Due:
    """One piece of scheduled work for one channel (or one member's DM)."""

    community_id: int
    platform: str
    community_ref: str
    channel_id: str
    kind: str
    key: str
    sprint_id: int | None = None
    member_id: int | None = None
    focus: DayFilter = ANY_DAY


@dataclass
class Work:
    due: Due
    messages: list[Message] = field(default_factory=list)


# Other features add due-work finders and builders here (e.g. mock rounds).
Finder = Callable[[Session, datetime, list["Due"]], None]
Builder = Callable[[Session, Clock, "Due"], list[Message]]
BatchBuilder = Callable[[Session, Clock, Sequence["Due"]], dict["Due", list[Message]]]
FINDERS: list[Finder] = []
BUILDERS: dict[str, Builder] = {}


def find_due(
    session: Session, now: datetime, *, platforms: set[str], catch_up: bool = True
) -> list[Due]:
    """List the work due now on the given platforms that nobody has claimed."""
    found: list[Due] = []
    rows = session.exec(
        select(Sprint, Community)
        .join(Community, col(Community.id) == Sprint.community_id)
        .where(col(Sprint.status).in_(LIVE), col(Community.platform).in_(platforms))
    ).all()
    for sprint, community in rows:
        found.extend(_sprint_due(sprint, community, now, catch_up))
    found.extend(_practice_due(session, now, platforms))
    for finder in FINDERS:
        finder(session, now, found)
    found = [d for d in found if d.platform in platforms]  # finders see every platform
    taken = _blocked_claims(session, now)
    return [d for d in found if (d.community_id, d.channel_id, d.kind, d.key) not in taken]


def _sprint_due(sprint: Sprint, community: Community, now: datetime, catch_up: bool) -> list[Due]:
    assert community.id is not None
    cal = calendar_of(sprint)
    today = now.astimezone(ZoneInfo(sprint.timezone)).date()

    def due(kind: str, day: date) -> Due:
        return Due(
            community.id or 0,
            community.platform,
            community.external_id,
            sprint.channel_id,
            kind,
            day.isoformat(),
            sprint.id,
        )

    work = _reveals_due(sprint, cal, today, now, due)
    if sprint.status != "active":  # paused: only the answer to the last question posted
        return work
    post_at = cal.post_at(today)
    late = now - post_at
    plan = cal.focus_on(today)
    if plan and late >= timedelta(0) and (catch_up or late <= LATE_GRACE):
        work.append(replace(due("daily", today), focus=DayFilter.of(plan)))
    if (
        today.weekday() == 0
        and sprint.start_date < today <= cal.end + timedelta(days=1)
        and late >= timedelta(0)
    ):
        work.append(due("weekly", today - timedelta(days=7)))
    if today > cal.end and now >= cal.post_at(cal.end + timedelta(days=1)):
        work.append(due("recap", cal.end))
    return work


def _reveals_due(
    sprint: Sprint, cal: Calendar, today: date, now: datetime, due: Callable[[str, date], Due]
) -> list[Due]:
    work = []
    for day in (today - timedelta(days=1), today):
        reveal_at = cal.post_at(day + timedelta(days=1)) - timedelta(
            minutes=sprint.reveal_lead_minutes
        )
        if cal.focus_on(day) and reveal_at <= now < reveal_at + timedelta(days=1):
            work.append(due("reveal", day))
    return work


def _practice_due(session: Session, now: datetime, platforms: set[str]) -> list[Due]:
    rows = session.exec(
        select(PracticePref, Community)
        .join(Community, col(Community.id) == PracticePref.community_id)
        .where(PracticePref.enabled == True, col(Community.platform).in_(platforms))  # noqa: E712
    ).all()
    work = []
    for pref, community in rows:
        today = now.astimezone(ZoneInfo(pref.timezone)).date()
        if now >= local_moment(today, time.fromisoformat(pref.at_time), pref.timezone):
            work.append(
                Due(
                    pref.community_id,
                    community.platform,
                    community.external_id,
                    f"dm:{pref.member_id}",
                    "practice",
                    today.isoformat(),
                    member_id=pref.member_id,
                )
            )
    return work


def _blocked_claims(session: Session, now: datetime) -> set[tuple[int, str, str, str]]:
    claims = session.exec(select(JobClaim).where(JobClaim.claimed_at >= now - CLAIM_WINDOW)).all()
    return {
        (c.community_id, c.channel_id, c.kind, c.key)
        for c in claims
        if c.done_at is not None or _aware(c.lease_until) > now
    }


def claim_many(session: Session, dues: Sequence[Due], now: datetime) -> list[Due]:
    """Claim every piece of work nobody else holds, in one statement; return those claimed."""
    if not dues:
        return []
    table = CLAIMS
    rows = [
        {
            "community_id": due.community_id,
            "channel_id": due.channel_id,
            "kind": due.kind,
            "key": due.key,
            "claimed_at": now,
            "lease_until": now + LEASE,
            "done_at": None,
            "outcome": "",
        }
        for due in dues
    ]
    inserted = session.execute(
        upsert_insert(session)(table)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["community_id", "channel_id", "kind", "key"])
        .returning(table.c.community_id, table.c.channel_id, table.c.kind, table.c.key)
    )
    ours = {tuple(row) for row in inserted}
    claimed = []
    for due in dues:
        if _claim_key(due) in ours or _take_over(session, due, now):
            claimed.append(due)
    return claimed


def _take_over(session: Session, due: Due, now: datetime) -> bool:
    """Take a claim whose lease ran out (its process died before recording it)."""
    taken: Any = session.execute(
        update(JobClaim)
        .where(*_same_claim(due), col(JobClaim.done_at).is_(None), col(JobClaim.lease_until) < now)
        .values(claimed_at=now, lease_until=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    return bool(taken.rowcount)


def _claim_key(due: Due) -> tuple[int, str, str, str]:
    return (due.community_id, due.channel_id, due.kind, due.key)


def _same_claim(due: Due) -> tuple[Any, ...]:
    return (
        col(JobClaim.community_id) == due.community_id,
        col(JobClaim.channel_id) == due.channel_id,
        col(JobClaim.kind) == due.kind,
        col(JobClaim.key) == due.key,
    )


def begin(session: Session, clock: Clock, due: Due) -> Work | None:
    """Claim the work and build its messages; None when it is not ours to do."""
    works = begin_many(session, clock, [due])
    return works[0] if works else None


def begin_many(session: Session, clock: Clock, dues: Sequence[Due]) -> list[Work]:
    """Claim what is ours of `dues` and build its messages, in the caller's one transaction.

    Each piece is built in its own savepoint: one that fails is logged and left claimed (its
    lease runs out and a later tick tries again) without undoing the others. Kinds with a
    batch builder are built together first, one by one only if the batch fails.
    """
    claimed = claim_many(session, dues, clock.now())
    built: dict[Due, list[Message]] = {}
    for kind, batch_builder in BATCH_BUILDERS.items():
        group = [due for due in claimed if due.kind == kind]
        if group:
            built.update(_guarded(session, clock, group, batch_builder))
    for due in claimed:
        if due not in built:
            builder = _one_by_one(BUILDERS.get(due.kind) or _BUILT_IN[due.kind])
            built.update(_guarded(session, clock, [due], builder))
    return [Work(due, built[due]) for due in claimed if due in built]


def _one_by_one(builder: Builder) -> BatchBuilder:
    return lambda session, clock, dues: {due: builder(session, clock, due) for due in dues}


def _guarded(
    session: Session, clock: Clock, dues: list[Due], build: BatchBuilder
) -> dict[Due, list[Message]]:
    failed: Exception
    try:
        with session.begin_nested():
            return build(session, clock, dues)
    except DBAPIError as error:
        if is_retryable(error):  # PostgreSQL lost a race: redo the whole transaction
            raise
        failed = error
    except Exception as error:
        failed = error
    # Rows read inside the undone savepoint may be stale now (SQLite reuses the ids of rows it
    # rolled back): read everything afresh.
    session.expire_all()
    log.error(
        "could not prepare %d %s post(s), first for community %s: %r",
        len(dues),
        dues[0].kind,
        dues[0].community_id,
        failed,
        exc_info=failed,
    )
    return {}


Result = tuple[Due, list[str], str | None]  # the work, the refs of what was sent, first error


def finish(
    session: Session, clock: Clock, due: Due, refs: list[str], error: str | None
) -> list[Message]:
    """Record how the work went; return alerts for admins when a delivery failed."""
    return [
        alert for _, alerts in finish_many(session, clock, [(due, refs, error)]) for alert in alerts
    ]


def finish_many(
    session: Session, clock: Clock, results: Sequence[Result]
) -> list[tuple[Due, list[Message]]]:
    """Record how each piece of work went, in two statements; return alerts for admins.

    Alerts come with the work they are about, since they go to the same community.
    """
    if not results:
        return []
    now = clock.now()
    claims = CLAIMS.c
    session.connection().execute(
        update(CLAIMS)
        .where(*_claim_params(claims))
        .values(done_at=now, outcome=bindparam("b_outcome")),
        [
            {
                **_claim_values(due),
                "b_outcome": f"failed: {error}"[:300] if error else f"ok ({len(refs)} sent)",
            }
            for due, refs, error in results
        ],
    )
    posted = [
        {**_claim_values(due), "b_day": date.fromisoformat(due.key), "b_ref": refs[0][:128]}
        for due, refs, error in results
        if due.kind == "daily" and refs and not error
    ]
    if posted:
        posts = POSTS.c
        session.connection().execute(
            update(POSTS)
            .where(
                posts.community_id == bindparam("b_community"),
                posts.channel_id == bindparam("b_channel"),
                posts.kind == "daily",
                posts.local_date == bindparam("b_day"),
            )
            .values(message_ref=bindparam("b_ref"), posted_at=now),
            posted,
        )
    alerts = [
        (due, _alert(session, due, error))
        for due, _, error in results
        if error and due.sprint_id is not None
    ]
    return [(due, messages) for due, messages in alerts if messages]


def _claim_params(claims: Any) -> tuple[Any, ...]:
    return (
        claims.community_id == bindparam("b_community"),
        claims.channel_id == bindparam("b_channel"),
        claims.kind == bindparam("b_kind"),
        claims.key == bindparam("b_key"),
    )


def _claim_values(due: Due) -> dict[str, Any]:
    return {
        "b_community": due.community_id,
        "b_channel": due.channel_id,
        "b_kind": due.kind,
        "b_key": due.key,
    }


def _alert(session: Session, due: Due, error: str) -> list[Message]:
    sprint = session.get(Sprint, due.sprint_id)
    if sprint is None or not sprint.created_by:
        return []
    text = rich(
        f"The {due.kind} post for **",
        UserText(sprint.name),
        f"** ({due.key}) could not be delivered.\nWhy: ",
        UserText(error.rstrip(".")),
        ".\nIf that is about the channel or permissions, check that the channel still exists "
        "and that PrepLoop may post there. Nothing was lost; the next post is tried as planned.",
    )
    card = Card(title="PrepLoop could not post", text=text)
    return [Message(card, Visibility.DIRECT, to_member=sprint.created_by)]


def _build_daily(session: Session, clock: Clock, due: Due) -> list[Message]:
    return _build_dailies(session, clock, [due])[due]


def _build_dailies(session: Session, clock: Clock, dues: Sequence[Due]) -> dict[Due, list[Message]]:
    """Every channel's question of the day: posts claimed and questions read in a few queries."""
    wanted = {(d.community_id, d.channel_id, date.fromisoformat(d.key)): d for d in dues}
    posts = claim_posts(session, {key: due.focus for key, due in wanted.items()})
    ids = {post.question_id for post in posts.values()}
    questions = {q.id: q for q in session.exec(select(Question).where(col(Question.id).in_(ids)))}
    built: dict[Due, list[Message]] = {}
    for key, post in posts.items():
        due = wanted[key]
        if post.posted_at is not None:  # an admin already posted today's question by hand
            built[due] = []
            continue
        card = question_card(questions[post.question_id], post)
        built[due] = [Message(card, Visibility.CHANNEL, channel=due.channel_id)]
    return built


def _build_reveal(session: Session, clock: Clock, due: Due) -> list[Message]:
    post = find_post(session, due.community_id, due.channel_id, date.fromisoformat(due.key))
    if post is None or not post.message_ref:
        return []
    question = session.get(Question, post.question_id)
    assert question is not None
    return [
        Message(
            reveal_card(question),
            Visibility.CHANNEL,
            channel=due.channel_id,
            thread_of=post.message_ref,
        )
    ]


def _build_weekly(session: Session, clock: Clock, due: Due) -> list[Message]:
    card = weekly_card(session, due.community_id, date.fromisoformat(due.key))
    return [Message(card, Visibility.CHANNEL, channel=due.channel_id)] if card else []


def _build_recap(session: Session, clock: Clock, due: Due) -> list[Message]:
    sprint = _sprint(session, due)
    sprint.status, sprint.ended_at = "ended", clock.now()
    card = recap_card(session, sprint)
    return [Message(card, Visibility.CHANNEL, channel=due.channel_id)] if card else []


def _build_practice(session: Session, clock: Clock, due: Due) -> list[Message]:
    member = session.get(Member, due.member_id)
    if member is None or member.community_id != due.community_id:
        return []
    found = pick_practice(session, due.community_id, member.id or 0, date.fromisoformat(due.key))
    if found is None:
        return []
    return [Message(practice_card(*found), Visibility.DIRECT, to_member=member.external_id)]


BATCH_BUILDERS: dict[str, BatchBuilder] = {"daily": _build_dailies}

_BUILT_IN: dict[str, Builder] = {
    "daily": _build_daily,
    "reveal": _build_reveal,
    "weekly": _build_weekly,
    "recap": _build_recap,
    "practice": _build_practice,
}


def _sprint(session: Session, due: Due) -> Sprint:
    sprint = session.get(Sprint, due.sprint_id)
    assert sprint is not None and sprint.community_id == due.community_id
    return sprint


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
