"""The scheduler's first pass in SQL never hides a sprint's due work.

bot/features/sprints/store/pending.py leaves out the live sprints whose day is settled. Here a set
of awkward sprints (daylight-saving changes, a post just after midnight with a long reveal
lead, one just before midnight, rest days, mock days, pauses, an end and its recap, a start
in the future) is ticked through twelve days, with most work claimed and done, some left in
flight and some never claimed; at every step the scheduler finds exactly what it finds when
every live sprint is worked out in Python.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import tuple_, update
from sqlmodel import Session, col, select

from bot.app.hub import Hub
from bot.features.mock.scheduled import find_mock_work
from bot.features.sprints import scheduled
from bot.features.sprints.store import LIVE
from bot.features.sprints.tables import Sprint
from bot.scheduling import claims
from bot.scheduling.tables import JobClaim
from bot.storage.tables import Community

START = datetime(2027, 3, 10, 0, 5, tzinfo=UTC)  # the US changes its clocks on 14 March
SCHEDULE = claims.Schedule(finders=(scheduled.find_sprint_work, find_mock_work))


def _day(focus: str = "coding", mock: str | None = None) -> dict[str, Any]:
    return {"focus": focus, "difficulty": None, "round": None, "mock_round": mock}


WEEK = {
    **{day: _day() for day in ("mon", "tue", "wed", "thu", "fri")},
    "sat": _day("leadership", mock="phone_screen"),
}  # Sunday is a rest day
PLAN = [{"theme": f"Week {n}", "days": WEEK} for n in range(1, 4)]

SPRINTS = (  # zone, post time, reveal lead, start, weeks, status, paused since, pauses
    ("UTC", "08:00", 60, date(2027, 3, 8), 3, "active", None, []),
    ("America/New_York", "02:30", 60, date(2027, 3, 9), 3, "active", None, []),
    ("Asia/Kolkata", "00:30", 90, date(2027, 3, 10), 3, "active", None, []),
    ("Europe/London", "23:50", 30, date(2027, 3, 10), 3, "active", None, []),
    ("Europe/Berlin", "01:15", 120, date(2027, 3, 16), 3, "active", None, []),
    ("Australia/Lord_Howe", "09:00", 60, date(2027, 3, 1), 1, "active", None, []),
    ("America/Los_Angeles", "18:00", 60, date(2027, 3, 3), 3, "paused", date(2027, 3, 12), []),
    ("Europe/Paris", "07:45", 45, date(2027, 3, 2), 3, "active", None, [["2027-03-05", 2]]),
    ("Pacific/Auckland", "06:00", 1500, date(2027, 3, 11), 1, "active", None, []),
)


def _populate(
    hub: Hub, sprints: tuple[tuple[Any, ...], ...] = SPRINTS, plan: list[Any] = PLAN
) -> None:
    with Session(hub.engine) as session:
        for n, (tz, at, lead, start, weeks, status, since, pauses) in enumerate(sprints):
            community = Community(platform="console", external_id=f"p{n}", name="x", timezone=tz)
            session.add(community)
            session.flush()
            assert community.id is not None
            session.add(
                Sprint(
                    community_id=community.id,
                    channel_id="study",
                    name="S",
                    start_date=start,
                    weeks=weeks,
                    post_time=at,
                    timezone=tz,
                    reveal_lead_minutes=lead,
                    status=status,
                    paused_since=since,
                    pauses=pauses,
                    plan=plan[:weeks],
                )
            )
        session.commit()


def _every_live_sprint(session: Session, look: claims.Look) -> list[int]:
    """The first pass with nothing left out: every live sprint is worked out in Python."""
    return list(session.exec(select(Sprint.id).where(col(Sprint.status).in_(LIVE))).all())  # type: ignore[arg-type]


def _found(hub: Hub, now: datetime, catch_up: bool) -> set[tuple[int, str, str, str]]:
    with Session(hub.engine) as session:
        found = claims.find_due(
            session, now, schedule=SCHEDULE, platforms={"console"}, catch_up=catch_up
        )
    return {_key(d) for d in found}


def _settle(hub: Hub, now: datetime, dues: list[claims.Due], chance: random.Random) -> None:
    """Claim and finish most work, leave some in flight (its lease runs out), skip some."""
    rolls = [(due, chance.random()) for due in dues]
    claimed = [due for due, roll in rolls if roll >= 0.1]  # the rest: never claimed
    done = [_key(due) for due, roll in rolls if roll >= 0.2]  # the rest: in flight
    with Session(hub.engine) as session:
        claims.claim_many(session, claimed, now)
        if done:
            key = tuple_(JobClaim.community_id, JobClaim.channel_id, JobClaim.kind, JobClaim.key)
            session.execute(update(JobClaim).where(key.in_(done)).values(done_at=now))
        session.commit()


def _key(due: claims.Due) -> tuple[int, str, str, str]:
    return (due.community_id, due.channel_id, due.kind, due.key)


def test_the_sql_first_pass_finds_exactly_what_working_out_every_sprint_finds(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    _populate(hub)
    chance = random.Random(19)
    seen: set[str] = set()
    now = START
    while now < START + timedelta(days=12):
        catch_up = chance.random() < 0.8
        fast = _found(hub, now, catch_up)
        with monkeypatch.context() as patched:
            patched.setattr(scheduled, "sprints_with_work", _every_live_sprint)
            with Session(hub.engine) as session:
                full = claims.find_due(
                    session, now, schedule=SCHEDULE, platforms={"console"}, catch_up=catch_up
                )
        assert fast == {_key(d) for d in full}, now
        seen |= {d.kind for d in full}
        _settle(hub, now, full, chance)
        now += timedelta(minutes=chance.choice((17, 53, 97, 151, 211)))
    assert seen == {"daily", "reveal", "weekly", "recap", "mock_open"}


def test_an_idle_minute_reads_only_the_sprints_ever_paused(hub: Hub) -> None:
    _populate(hub)
    now = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)
    while now <= datetime(2027, 3, 17, 20, 0, tzinfo=UTC):  # everything due is done in time
        with Session(hub.engine) as session:
            due = claims.find_due(session, now, schedule=SCHEDULE, platforms={"console"})
            claims.claim_many(session, due, now)
            session.execute(update(JobClaim).values(done_at=now))
            session.commit()
        now += timedelta(minutes=30)
    with Session(hub.engine) as session:
        left = scheduled.sprints_with_work(session, claims.Look(now, frozenset({"console"})))
        sprints = {s.id: s for s in session.exec(select(Sprint))}
    running = {  # a lead under a day, and the plan not over (no recap waits to end it)
        n
        for n, s in sprints.items()
        if s.reveal_lead_minutes < 24 * 60 and s.start_date + timedelta(weeks=s.weeks) > now.date()
    }
    paused = {n for n, s in sprints.items() if s.status == "paused" or s.pauses}
    assert set(left) & running == paused  # only those ever paused are worked out in Python


def _settle_all(hub: Hub, first: datetime, last: datetime, *, skip: str = "") -> None:
    """Claim and finish everything due every half hour (but work of the kind `skip`)."""
    now = first
    while now <= last:
        with Session(hub.engine) as session:
            due = claims.find_due(session, now, schedule=SCHEDULE, platforms={"console"})
            claims.claim_many(session, [d for d in due if d.kind != skip], now)
            session.execute(update(JobClaim).values(done_at=now))
            session.commit()
        now += timedelta(minutes=30)


def _kinds_due(hub: Hub, now: datetime) -> set[tuple[str, str]]:
    with Session(hub.engine) as session:
        found = claims.find_due(session, now, schedule=SCHEDULE, platforms={"console"})
    return {(d.kind, d.key) for d in found}


def test_a_post_in_the_hour_the_clocks_repeat_is_caught_up_in_its_second_pass(hub: Hub) -> None:
    new_york = ("America/New_York", "01:30", 60, date(2027, 11, 1), 1, "active", None, [])
    _populate(hub, (new_york,), [{"theme": "Every day", "days": {**WEEK, "sun": _day()}}])
    _settle_all(
        hub, datetime(2027, 11, 6, 6, 0, tzinfo=UTC), datetime(2027, 11, 7, 5, 0, tzinfo=UTC)
    )
    # Down from 01:00 EDT to 01:10 EST, an hour later: the 01:30 EDT post was missed, and the
    # local clock (01:10) reads before the post time again.
    assert _kinds_due(hub, datetime(2027, 11, 7, 6, 10, tzinfo=UTC)) == {("daily", "2027-11-07")}


def test_a_mock_round_never_claimed_beside_its_done_question_is_still_found(hub: Hub) -> None:
    utc = ("UTC", "08:00", 60, date(2027, 3, 8), 3, "active", None, [])
    _populate(hub, (utc,))
    saturday = datetime(2027, 3, 13, 8, 0, tzinfo=UTC)
    _settle_all(hub, saturday - timedelta(hours=1), saturday, skip="mock_open")
    assert _kinds_due(hub, saturday + timedelta(hours=2)) == {("mock_open", "2027-03-13")}
