"""Scheduled work: find what is due, claim it exactly once, build its messages, record the result.

The delivery engine (bot.scheduling.delivery) calls find_due, then begin_many for a batch of
items (claim + build, one transaction), delivers the messages outside any transaction, then
finish_many (record a batch, one transaction). A claim is a unique row per community, channel,
kind and key, so however many processes tick, each post happens once; a claim whose process
died is taken over after its lease.

Each message of a claim carries a marker derived from the claim's key (`marker`): a claim taken
over may already have been delivered by the process that died, so its messages are first looked
for in the platform's recent history by that marker, and recorded instead of posted again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, update
from sqlalchemy import select as select_columns
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from bot.content import ANY_DAY, DayFilter
from bot.core.cards import Message
from bot.core.clock import Clock
from bot.scheduling.tables import JobClaim
from bot.storage.uow import is_retryable
from bot.storage.upsert import upsert_insert

log = logging.getLogger(__name__)

CLAIMS: Table = JobClaim.__table__  # type: ignore[attr-defined]
LEASE = timedelta(minutes=10)
CLAIM_WINDOW = timedelta(days=3)
MARKER_LENGTH = 20  # Discord takes a nonce of at most 25 characters


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
    """Claimed work and its messages; `taken_over` when claimed from a run whose lease ran out."""

    due: Due
    messages: list[Message] = field(default_factory=list)
    taken_over: bool = False  # claimed from a process whose lease ran out


def marker(due: Due, index: int) -> str:
    """The mark the index-th message of a piece of work carries, the same in every process."""
    claim = "\x1f".join((str(due.community_id), due.channel_id, due.kind, due.key, str(index)))
    return "pl" + hashlib.sha256(claim.encode()).hexdigest()[: MARKER_LENGTH - 2]


@dataclass(frozen=True)
class Look:
    """What a finder is asked: the moment, the platforms this process serves, and whether work
    whose moment passed long ago is still done (a catch-up after downtime)."""

    now: datetime
    platforms: frozenset[str]
    catch_up: bool = True


Finder = Callable[[Session, Look, list[Due]], None]
"""Add the work due at `look.now` to `found` (a finder may read what earlier finders added)."""
Builder = Callable[[Session, Clock, Due], list[Message]]
BatchBuilder = Callable[[Session, Clock, Sequence[Due]], dict[Due, list[Message]]]
Recorder = Callable[[Session, datetime, Sequence[tuple[Due, list[str]]]], None]
"""Note where delivered work landed: each piece with the platform refs of what was sent."""
Alerter = Callable[[Session, Due, str], list[Message]]
"""The messages that tell someone a piece of work could not be delivered, and why."""


@dataclass(frozen=True)
class Kind:
    """One kind of scheduled work: how to build it, and what to do once it was delivered."""

    name: str
    build: Builder | None = None
    build_many: BatchBuilder | None = None
    record: Recorder | None = None
    alert: Alerter | None = None

    def batch(self) -> BatchBuilder:
        if self.build_many is not None:
            return self.build_many
        build = self.build
        assert build is not None, f"scheduled kind {self.name} has no builder"
        return lambda session, clock, dues: {due: build(session, clock, due) for due in dues}


@dataclass(frozen=True)
class Schedule:
    """The finders, in order, and the kinds of work they find."""

    finders: tuple[Finder, ...] = ()
    kinds: Mapping[str, Kind] = field(default_factory=dict)


def find_due(
    session: Session,
    now: datetime,
    *,
    schedule: Schedule,
    platforms: set[str],
    catch_up: bool = True,
) -> list[Due]:
    """List the work due now on the given platforms that nobody has claimed."""
    look = Look(now, frozenset(platforms), catch_up)
    found: list[Due] = []
    for finder in schedule.finders:
        finder(session, look, found)
    found = [d for d in found if d.platform in platforms]  # some finders see every platform
    if not found:  # an idle minute: no claim needs reading
        return []
    taken = _blocked_claims(session, now, {d.community_id for d in found})
    return [d for d in found if (d.community_id, d.channel_id, d.kind, d.key) not in taken]


def _blocked_claims(
    session: Session, now: datetime, communities: set[int]
) -> set[tuple[int, str, str, str]]:
    claims = session.exec(
        select(JobClaim).where(
            JobClaim.claimed_at >= now - CLAIM_WINDOW,
            col(JobClaim.community_id).in_(communities),
        )
    ).all()
    return {
        (c.community_id, c.channel_id, c.kind, c.key)
        for c in claims
        if c.done_at is not None or _aware(c.lease_until) > now
    }


def settled(
    session: Session, now: datetime, kind: str, channels: Sequence[str]
) -> set[tuple[int, str, str]]:
    """The (community, channel, key) of this kind's work in these channels that find_due would
    leave out as claimed: a finder whose per-item work is dear can skip those items first."""
    if not channels:
        return set()
    asked = {"since": now - CLAIM_WINDOW, "kind": kind, "channels": sorted(set(channels))}
    return {
        (community, channel, key)
        for community, channel, key, done_at, lease_until in session.execute(_SETTLED, asked)
        if done_at is not None or _aware(lease_until) > now
    }


_SETTLED = select_columns(  # built once: finders ask it every tick
    col(JobClaim.community_id),
    col(JobClaim.channel_id),
    col(JobClaim.key),
    col(JobClaim.done_at),
    col(JobClaim.lease_until),
).where(
    col(JobClaim.claimed_at) >= bindparam("since"),
    col(JobClaim.kind) == bindparam("kind"),
    col(JobClaim.channel_id).in_(bindparam("channels", expanding=True)),
)


def claim_many(session: Session, dues: Sequence[Due], now: datetime) -> list[Due]:
    """Claim every piece of work nobody else holds, in one statement; return those claimed."""
    return list(claim_noting(session, dues, now))


def claim_noting(session: Session, dues: Sequence[Due], now: datetime) -> dict[Due, bool]:
    """Claim like claim_many; map each piece claimed to whether it was taken over."""
    if not dues:
        return {}
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
    claimed: dict[Due, bool] = {}
    for due in dues:
        if _claim_key(due) in ours:
            claimed[due] = False
        elif _take_over(session, due, now):
            claimed[due] = True
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


def begin(session: Session, clock: Clock, due: Due, schedule: Schedule) -> Work | None:
    """Claim the work and build its messages; None when it is not ours to do."""
    works = begin_many(session, clock, [due], schedule)
    return works[0] if works else None


def begin_many(
    session: Session, clock: Clock, dues: Sequence[Due], schedule: Schedule
) -> list[Work]:
    """Claim what is ours of `dues` and build its messages, in the caller's one transaction.

    Each piece is built in its own savepoint: one that fails is logged and left claimed (its
    lease runs out and a later tick tries again) without undoing the others. Kinds with a
    batch builder are built together first, one by one only if the batch fails.
    """
    claimed = claim_noting(session, dues, clock.now())
    built: dict[Due, list[Message]] = {}
    for kind in schedule.kinds.values():
        group = [due for due in claimed if due.kind == kind.name]
        if group and kind.build_many is not None:
            built.update(_guarded(session, clock, group, kind.build_many))
    for due in claimed:
        if due not in built:
            built.update(_guarded(session, clock, [due], schedule.kinds[due.kind].batch()))
    return [Work(due, built[due], taken) for due, taken in claimed.items() if due in built]


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
    session: Session,
    clock: Clock,
    due: Due,
    refs: list[str],
    error: str | None,
    schedule: Schedule,
) -> list[Message]:
    """Record how the work went; return alerts for admins when a delivery failed."""
    done = finish_many(session, clock, [(due, refs, error)], schedule)
    return [alert for _, alerts in done for alert in alerts]


def finish_many(
    session: Session, clock: Clock, results: Sequence[Result], schedule: Schedule
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
    for kind in schedule.kinds.values():
        delivered = [
            (due, refs) for due, refs, error in results if due.kind == kind.name and not error
        ]
        if delivered and kind.record is not None:
            kind.record(session, now, delivered)
    alerts = [
        (due, alert(session, due, error))
        for due, _, error in results
        if error and (alert := schedule.kinds[due.kind].alert) is not None
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


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
