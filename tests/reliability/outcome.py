"""Read what the worker processes logged, and what the sprints should have posted by when."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from itertools import product
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.core.calendar import local_moment
from bot.features.practice.tables import PracticePref
from bot.features.sprints.api import calendar_of
from bot.features.sprints.tables import Sprint
from bot.scheduling.tables import JobClaim

# community id, channel, kind, key: what the database claims once
Claim = tuple[int, str, str, str]


def read_log(*paths: Path) -> list[dict[str, Any]]:
    """Every line the processes wrote, file by file, in the order each file got them."""
    return [json.loads(line) for path in paths for line in path.read_text().splitlines()]


def claim_of(line: dict[str, Any]) -> Claim:
    return (line["community"], line["channel"], line["kind"], line["key"])


@dataclass
class Work:
    """What happened to one claim: who delivered how many messages, who recorded it."""

    delivered: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # pid -> count
    recorded: dict[int, int] = field(default_factory=dict)  # pid -> messages it said it sent


def by_claim(lines: list[dict[str, Any]]) -> dict[Claim, Work]:
    """Group the scheduler's deliveries and records by the claim they belong to."""
    work: dict[Claim, Work] = defaultdict(Work)
    for line in lines:
        if "kind" not in line:  # a member's action, or what its reply delivered
            continue
        if line["event"] == "delivered":
            work[claim_of(line)].delivered[line["pid"]] += 1
        elif line["event"] == "recorded":
            work[claim_of(line)].recorded[line["pid"]] = line["sent"]
    return dict(work)


def found_by_claim(lines: list[dict[str, Any]]) -> set[Claim]:
    """The claims whose message a process found in the platform's history instead of posting."""
    return {claim_of(line) for line in lines if line["event"] == "found" and "kind" in line}


def claims_in_database(engine: Engine) -> dict[Claim, JobClaim]:
    """Every claim row, by its unique key."""
    with Session(engine) as session:
        rows = session.exec(select(JobClaim)).all()
    return {(c.community_id, c.channel_id, c.kind, c.key): c for c in rows}


def sent_of(claim: JobClaim) -> int:
    """How many messages the claim's outcome says went out ("ok (2 sent)" -> 2)."""
    assert claim.done_at is not None and claim.outcome.startswith("ok ("), claim.outcome
    return int(claim.outcome.removeprefix("ok (").split()[0])


def scheduled(engine: Engine, since: datetime, until: datetime) -> dict[Claim, datetime]:
    """The sprint and practice work due between `since` and `until`, and when each is due."""
    due: dict[Claim, datetime] = {}
    with Session(engine) as session:
        sprints = session.exec(select(Sprint).order_by(col(Sprint.id))).all()
        prefs = session.exec(select(PracticePref)).all()
    for sprint in sprints:
        due |= _sprint_work(sprint)
    days = (until - since).days + 2
    for pref, offset in product(prefs, range(-1, days)):
        day = since.date() + timedelta(days=offset)
        at = local_moment(day, time.fromisoformat(pref.at_time), pref.timezone)
        due[(pref.community_id, f"dm:{pref.member_id}", "practice", day.isoformat())] = at
    return {claim: at for claim, at in due.items() if since <= at <= until}


def _sprint_work(sprint: Sprint) -> dict[Claim, datetime]:
    cal, lead = calendar_of(sprint), timedelta(minutes=sprint.reveal_lead_minutes)
    where = (sprint.community_id, sprint.channel_id)
    work: dict[Claim, datetime] = {}
    for day in cal.days():
        focus = cal.focus_on(day)
        if focus:
            work[(*where, "daily", day.isoformat())] = cal.post_at(day)
            work[(*where, "reveal", day.isoformat())] = cal.post_at(day + timedelta(days=1)) - lead
        if focus and focus.mock_round:  # the round opens with the day's question
            work[(*where, "mock_open", day.isoformat())] = cal.post_at(day)
        if day.weekday() == 0 and day > sprint.start_date:
            work[(*where, "weekly", (day - timedelta(days=7)).isoformat())] = cal.post_at(day)
    after = cal.end + timedelta(days=1)
    if after.weekday() == 0:
        work[(*where, "weekly", (after - timedelta(days=7)).isoformat())] = cal.post_at(after)
    work[(*where, "recap", cal.end.isoformat())] = cal.post_at(after)
    return work
