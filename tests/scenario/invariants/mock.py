"""Mock interviews: pairing within the wait limit, expiry, packets, no-show timing."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlmodel import Session, col, select

from bot.core.cards import plain
from bot.core.vocabulary import ROUND_NAMES
from bot.features.leaderboard.tables import LedgerEntry
from bot.features.mock.tables import MockPairing, MockProfile, MockRequest, MockSeat
from bot.storage.tables import Member, Question
from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import aware, violation

WAIT_LIMIT = timedelta(hours=24)
EXPIRY = timedelta(hours=48)
SLACK = timedelta(minutes=30)  # one visit or a few ticks: the checks run at 00:00 UTC
CATEGORIES = {  # the question categories a round's packet may ask, with that round's rubric
    "online_assessment": {"coding"},
    "phone_screen": {"coding", "applied_ml"},
    "onsite_coding": {"coding"},
    "ml_system_design": {"ml_system_design"},
    "ml_depth": {"applied_ml", "deployment"},
    "bar_raiser": {"leadership"},
}


def pairing_wait(sim: Sim, day: date) -> list[Violation]:
    """No two members with the same role both wait past the wait limit."""
    now = sim.clock.now()
    with Session(sim.hub.engine) as session:
        rows = session.exec(
            select(Member.external_id, MockProfile.role, MockRequest.waiting_since)
            .join(Member, col(Member.id) == MockRequest.member_id)
            .join(MockProfile, col(MockProfile.member_id) == MockRequest.member_id)
            .where(MockRequest.status == "waiting", col(MockProfile.paused).is_(False))
        ).all()
    overdue: dict[str, list[str]] = {}
    for user, role, since in rows:
        if now - (aware(since) or now) > WAIT_LIMIT + SLACK:
            overdue.setdefault(role, []).append(user)
    return [
        violation(day, user, f"waited over 24 h for a {role} partner while {others} waited too")
        for role, users in overdue.items()
        if len(users) > 1
        for user in users
        for others in [", ".join(u for u in users if u != user)]
    ]


def expiry(sim: Sim, day: date) -> list[Violation]:
    """No pairing stays scheduled 48 hours past its proposed time."""
    now = sim.clock.now()
    with Session(sim.hub.engine) as session:
        rows = session.exec(
            select(Member.external_id, MockPairing.id, MockPairing.proposed_at)
            .join(MockSeat, col(MockSeat.pairing_id) == MockPairing.id)
            .join(Member, col(Member.id) == MockSeat.member_id)
            .where(MockPairing.status == "scheduled", col(MockPairing.proposed_at).is_not(None))
        ).all()
    return [
        violation(
            day,
            user,
            f"pairing {pid} still scheduled, proposed for {aware(at):%a %d %b %H:%M} UTC",
        )
        for user, pid, at in rows
        if now - (aware(at) or now) > EXPIRY + SLACK
    ]


def packets(sim: Sim, day: date) -> list[Violation]:
    """Every interviewer packet a member received asks a question of its round."""
    names = {name: rid for rid, name in ROUND_NAMES.items()}
    found = []
    with Session(sim.hub.engine) as session:
        for user, box in sim.world.inbox.items():
            for seen in box:
                title = plain(seen.message.card.title)
                if seen.at.date() != day or not title.startswith("Interviewer packet: "):
                    continue
                round_name = title.removeprefix("Interviewer packet: ").split(" · ")[0]
                qid = re.search(r"Question (\S+)", plain(seen.message.card.footer))
                question = session.get(Question, qid[1]) if qid else None
                rounds = question.data.get("rounds", []) if question else []
                category = question.category if question else ""
                round_id = names.get(round_name, "")
                if question is not None and (
                    round_id not in rounds or category not in CATEGORIES[round_id]
                ):
                    found.append(
                        violation(day, user, f"{round_name} packet asks {question.id}, {category}")
                    )
    return found


def noshow_timing(sim: Sim, day: date) -> list[Violation]:
    """No no-show penalty lands before the mock's proposed start plus 15 minutes."""
    with Session(sim.hub.engine) as session:
        rows = session.exec(
            select(Member.external_id, LedgerEntry.reference, LedgerEntry.created_at)
            .join(Member, col(Member.id) == LedgerEntry.member_id)
            .where(LedgerEntry.reason == "no_show")
        ).all()
        found = []
        for user, reference, at in rows:
            pairing = session.get(MockPairing, int(reference.split(":")[-1]))
            start = aware(pairing.proposed_at) if pairing else None
            if start is not None and (aware(at) or start) < start + timedelta(minutes=15):
                found.append(
                    violation(
                        day,
                        user,
                        f"no-show penalty at {aware(at):%a %H:%M} "
                        f"for a mock at {start:%a %H:%M} UTC",
                    )
                )
    return found
