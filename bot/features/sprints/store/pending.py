"""The scheduler's first pass over live sprints, in SQL: which of them may have work due now.

Every minute the scheduler asks every live sprint what its channel is due. With thousands of
sprints, reading each one (its plan included) and working out its calendar in Python cost
seconds a tick, only to find that everything due was claimed and done already. Here the
database leaves out each sprint whose day is settled: whatever the sprint could be due (the
question and its mock round, the reveals, the weekly board, the recap) is either not yet
time, not in its plan, or has a finished claim. What it returns is a superset: the sprints it
keeps are read and worked out exactly as before (bot/features/sprints/scheduled.py), and a
test checks that nothing the full pass finds is ever left out (tests/scheduling/
test_sprint_pending.py).

Times are compared in local minutes with an hour to spare, so a daylight-saving change never
hides a post; a sprint that was ever paused, or has a claim not yet done in its channel (a
delivery in flight, or one whose process died), is always kept.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Date,
    Integer,
    String,
    Table,
    and_,
    bindparam,
    cast,
    exists,
    func,
    or_,
    union_all,
)
from sqlalchemy import select as select_columns
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from bot.core.vocabulary import WEEKDAYS
from bot.features.sprints.store import LIVE
from bot.features.sprints.tables import Sprint
from bot.scheduling.claims import CLAIM_WINDOW, Look
from bot.scheduling.tables import JobClaim
from bot.storage.tables import Community
from bot.storage.uow import Session

SPRINTS: Table = Sprint.__table__  # type: ignore[attr-defined]
COMMUNITIES: Table = Community.__table__  # type: ignore[attr-defined]
CLAIMS: Table = JobClaim.__table__  # type: ignore[attr-defined]
SPARE = 60  # minutes: local wall clocks jump by at most this much at a daylight-saving change
DAY = 24 * 60

Running = tuple[int, int, str, str, str, str]
"""sprint id, community id, channel, platform, community ref, local day (ISO)"""


class _DaysSince(FunctionElement[int]):
    """Whole days from the second date to the first (both plain dates)."""

    type = Integer()
    inherit_cache = True


@compiles(_DaysSince)
def _days_since(element: _DaysSince, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"({later} - {earlier})"


@compiles(_DaysSince, "sqlite")
def _days_since_sqlite(element: _DaysSince, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


class _PlanDay(FunctionElement[str]):
    """A day of a stored plan (plan, week index, weekday), NULL when the plan has none.

    With a fourth argument, that field of the day (NULL when the field is null too)."""

    type = String()
    inherit_cache = True


@compiles(_PlanDay)
def _plan_day(element: _PlanDay, compiler: SQLCompiler, **kw: Any) -> str:
    plan, week, weekday, *field = (compiler.process(arg, **kw) for arg in element.clauses)
    day = f"({plan} -> CAST({week} AS INTEGER) -> 'days' -> CAST({weekday} AS TEXT))"
    return f"({day} ->> {field[0]})" if field else day


@compiles(_PlanDay, "sqlite")
def _plan_day_sqlite(element: _PlanDay, compiler: SQLCompiler, **kw: Any) -> str:
    plan, week, weekday, *field = (compiler.process(arg, **kw) for arg in element.clauses)
    path = f"'$[' || ({week}) || '].days.' || {weekday}"
    if field:
        return f"json_extract({plan}, {path} || '.' || {field[0]})"
    return f"json_type({plan}, {path})"


Window = Callable[[datetime, str], bool]
"""Whether a moment is inside a time of day in a time zone (a line's hours, say)."""


def _always(_now: datetime, _tz: str) -> bool:
    return True


_FIELDS = (
    ("tz", String),
    ("day", Date),
    ("day_key", String),
    ("yesterday", Date),
    ("yesterday_key", String),
    ("week_ago_key", String),
    ("weekday", String),
    ("yesterday_weekday", String),
    ("minutes", Integer),
)


def _zone_params(now: datetime, zones: Collection[str], window: Window) -> dict[str, Any]:
    """Each zone's local day, yesterday, a week ago, weekdays and minutes (plus the spare),
    as the parameters of the zone table (`_zone_table`)."""
    params: dict[str, Any] = {}
    for tz in (tz for tz in zones if window(now, tz)):
        local = now.astimezone(ZoneInfo(tz))
        today, yesterday = local.date(), local.date() - timedelta(days=1)
        row = (
            tz,
            today,
            today.isoformat(),
            yesterday,
            yesterday.isoformat(),
            (today - timedelta(days=7)).isoformat(),
            WEEKDAYS[today.weekday()],
            WEEKDAYS[yesterday.weekday()],
            local.hour * 60 + local.minute + SPARE,
        )
        n = len(params) // len(_FIELDS)
        params.update(
            {f"z{n}_{name}": value for (name, _), value in zip(_FIELDS, row, strict=True)}
        )
    return params


def _zone_table(count: int) -> Any:
    """A table of `count` zones whose values are parameters, so each statement is built and
    compiled once (a SELECT per zone: SQLAlchemy does not cache a VALUES clause)."""
    rows = [
        select_columns(
            *(bindparam(f"z{n}_{name}", type_=kind).label(name) for name, kind in _FIELDS)
        )
        for n in range(count)
    ]
    return union_all(*rows).cte("sprint_zone_now") if count > 1 else rows[0].cte("sprint_zone_now")


_ZONES = select_columns(SPRINTS.c.timezone).where(SPRINTS.c.status.in_(LIVE)).distinct()


def _live_zones(session: Session) -> list[str]:
    return [tz for (tz,) in session.connection().execute(_ZONES)]


def _done(kind: str, key: Any) -> Any:
    """Whether the sprint's channel has a finished claim of this kind and key."""
    claims, s = CLAIMS.c, SPRINTS.c
    return exists().where(
        claims.community_id == s.community_id,
        claims.channel_id == s.channel_id,
        claims.kind == kind,
        claims.key == key,
        claims.done_at.is_not(None),
    )


def _unfinished() -> Any:
    """Whether the sprint's channel has a recent claim not yet done (in flight, or orphaned)."""
    claims, s = CLAIMS.c, SPRINTS.c
    return exists().where(
        claims.community_id == s.community_id,
        claims.channel_id == s.channel_id,
        claims.claimed_at >= bindparam("since", type_=claims.claimed_at.type),
        claims.done_at.is_(None),
    )


def _post_minutes() -> Any:
    """The sprint's local post time (HH:MM) in minutes after midnight."""
    post = SPRINTS.c.post_time
    return cast(func.substr(post, 1, 2), Integer) * 60 + cast(func.substr(post, 4, 2), Integer)


def _conditions(z: Any) -> Any:
    """A sprint may have work due: the superset described in the module's docstring."""
    s = SPRINTS.c
    offset = _DaysSince(z.day, s.start_date)
    week, last_week = offset // 7, (offset - 1) // 7
    planned_today = _PlanDay(s.plan, week, z.weekday).is_not(None)
    planned_yesterday = _PlanDay(s.plan, last_week, z.yesterday_weekday).is_not(None)
    mock_today = _PlanDay(s.plan, week, z.weekday, "mock_round").is_not(None)
    posts_by_now = _post_minutes() <= z.minutes
    active, started = s.status == "active", s.start_date <= z.day
    return or_(
        s.paused_since.is_not(None),
        cast(s.pauses, String) != "[]",
        _unfinished(),
        and_(active, started, posts_by_now, ~_done("daily", z.day_key), planned_today),
        and_(active, started, posts_by_now, ~_done("mock_open", z.day_key), mock_today),
        and_(  # the answer to yesterday's question
            s.start_date <= z.yesterday,
            _post_minutes() - s.reveal_lead_minutes <= z.minutes,
            ~_done("reveal", z.yesterday_key),
            planned_yesterday,
        ),
        and_(  # the answer to today's question, when the lead reaches back into today
            started,
            _post_minutes() - s.reveal_lead_minutes + DAY <= z.minutes,
            ~_done("reveal", z.day_key),
            planned_today,
        ),
        and_(
            active,
            z.weekday == WEEKDAYS[0],
            s.start_date < z.day,
            posts_by_now,
            ~_done("weekly", z.week_ago_key),
        ),
        and_(  # past the plan's end, from the next day's post time: the recap
            active,
            started,
            ~_done("daily", z.day_key),
            or_(posts_by_now, ~_done("daily", z.yesterday_key)),
            offset >= 7 * func.json_array_length(s.plan),
        ),
    )


def sprints_with_work(session: Session, look: Look) -> list[int]:
    """The ids of the live sprints on these platforms that may have work due now."""
    params = _zone_params(look.now, _live_zones(session), _always)
    if not params:
        return []
    statement = _with_work(len(params) // len(_FIELDS))
    params.update(since=look.now - CLAIM_WINDOW, platforms=sorted(look.platforms))
    rows = session.connection().execute(statement, params)
    return [sprint_id for (sprint_id,) in rows]


@cache
def _with_work(zones: int) -> Any:
    zone = _zone_table(zones)
    s, c, z = SPRINTS.c, COMMUNITIES.c, zone.c
    return (
        select_columns(s.id)
        .join_from(SPRINTS, COMMUNITIES, c.id == s.community_id)
        .join(zone, z.tz == s.timezone)
        .where(s.status.in_(LIVE), c.platform.in_(bindparam("platforms", expanding=True)))
        .where(_conditions(z))
        .order_by(s.id)
    )


def running_unclaimed(session: Session, look: Look, kind: str, window: Window) -> list[Running]:
    """The active, started sprints whose local time is in `window` and whose channel has no
    finished claim of `kind` for its local day (a once-a-day line, say)."""
    params = _zone_params(look.now, _live_zones(session), window)
    if not params:
        return []
    statement = _unclaimed(len(params) // len(_FIELDS), kind)
    params.update(platforms=sorted(look.platforms))
    rows = session.connection().execute(statement, params)
    return [tuple(row) for row in rows]


@cache
def _unclaimed(zones: int, kind: str) -> Any:
    zone = _zone_table(zones)
    s, c, z = SPRINTS.c, COMMUNITIES.c, zone.c
    return (
        select_columns(s.id, s.community_id, s.channel_id, c.platform, c.external_id, z.day_key)
        .join_from(SPRINTS, COMMUNITIES, c.id == s.community_id)
        .join(zone, z.tz == s.timezone)
        .where(
            s.status == "active",
            s.start_date <= z.day,
            c.platform.in_(bindparam("platforms", expanding=True)),
            ~_done(kind, z.day_key),
        )
        .order_by(s.id)
    )
