"""Ranks, medals and points: the same in /leaderboard, /profile, the posts and the ledger."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from sqlmodel import Session, col, func, select

from bot.core.cards import Card, plain
from bot.features.leaderboard.tables import LedgerEntry
from bot.features.sprints.tables import Sprint
from bot.storage.tables import Member
from tests.scenario.cohort import Sim, Violation
from tests.scenario.invariants.common import profile_of, rank_in, truth_of, violation
from tests.scenario.people import Person
from tests.scenario.world import Seen, card_text

MEDALS = {"🥇": 1, "🥈": 2, "🥉": 3}
ROW = re.compile(r"^(?P<head>.*?)(?P<name>[A-Z][a-z]+ Zq\d\dk|member) — (?P<points>-?\d+) pts")
Problem = tuple[str, str]  # the member a board shows wrongly, and how


def board_rows(card: Card) -> list[tuple[str, int | None, int]]:
    """(name, rank shown, points) of each row of a board card; rank None when not shown."""
    rows = []
    for line in plain(card.text).splitlines():
        found = ROW.match(line.strip())
        if found is None:
            continue
        head = found["head"]
        shown = re.search(r"[#=]?(\d+)", head)
        medal = next((rank for sign, rank in MEDALS.items() if sign in head), None)
        rank = int(shown[1]) if shown else medal
        rows.append((found["name"], rank, int(found["points"])))
    return rows


def _medal_problems(card: Card, truth: dict[str, int], names: dict[str, str]) -> list[Problem]:
    """A medal beside a score of 0 or less."""
    problems = []
    for line in plain(card.text).splitlines():
        found = ROW.match(line.strip())
        if found and int(found["points"]) <= 0 and any(sign in found["head"] for sign in MEDALS):
            said = f"has a medal with {found['points']} pts on “{plain(card.title)}”"
            problems.append((names.get(found["name"], found["name"]), said))
    return problems


def _rank_problems(card: Card, truth: dict[str, int], names: dict[str, str]) -> list[Problem]:
    """A row whose rank (its number, else its medal) is not the competition rank of its points."""
    problems = []
    for name, rank, points in board_rows(card):
        user = names.get(name)
        if user is None or user not in truth or rank == rank_in(truth, user):
            continue
        problems.append(
            (
                user,
                f"shown rank {rank} with {points} pts on “{plain(card.title)}”, "
                f"but ranks {rank_in(truth, user)} by points",
            )
        )
    return problems


Problems = Callable[[Card, dict[str, int], dict[str, str]], list[Problem]]


def _board(sim: Sim, person: Person, day: date) -> Card:
    """The member's all-time /leaderboard, asked once a day (two families read it)."""
    key = (day, person.user, "leaderboard")
    if key not in sim.looks:
        sim.looks[key] = sim.driver.command(person, "leaderboard", "period:all")
    return sim.looks[key].messages[0].card


def _boards(sim: Sim, day: date, problems: Problems) -> list[Violation]:
    """Check every member's board and the day's posts with one kind of problem."""
    names = {p.name: p.user for p in sim.people}
    with Session(sim.hub.engine) as session:
        truth = truth_of(session, "all")
    found = [
        violation(day, member, text)
        for person in sim.present()
        for member, text in problems(_board(sim, person, day), truth, names)
    ]
    return found + _posted(sim, day, names, problems)


def ranks(sim: Sim, day: date) -> list[Violation]:
    """/leaderboard rows, its "You:" line, /profile and the posts agree on every member's rank."""
    found = _boards(sim, day, _rank_problems)
    with Session(sim.hub.engine) as session:
        truth = truth_of(session, "all")
    for person in sim.present():
        footer = plain(_board(sim, person, day).footer).split("You:")[-1]
        you = re.search(r"[#=]?(-?\d+)", footer)
        profile = card_text(profile_of(sim, person, day).messages[0].card)
        shown = re.search(r"rank [#=]?(\d+)", profile)
        want = rank_in(truth, person.user) if person.user in truth else None
        for where, seen in (("/leaderboard You:", you), ("/profile", shown)):
            if want is not None and (seen is None or int(seen[1]) != want):
                said = seen[0] if seen else "no rank"
                found.append(violation(day, person.user, f"{where} shows {said}, but ranks {want}"))
    return found


def medals(sim: Sim, day: date) -> list[Violation]:
    """No board or post gives a medal to 0 points or less."""
    return _boards(sim, day, _medal_problems)


def _posted(sim: Sim, day: date, names: dict[str, str], problems: Problems) -> list[Violation]:
    """The day's weekly posts and recap, against their period's points."""
    found = []
    with Session(sim.hub.engine) as session:
        sprint = session.exec(select(Sprint)).first()
        for seen in _posted_on(sim, day):
            title = plain(seen.message.card.title)
            if title.startswith("Week of "):
                period = f"week:{title.split()[2]}"
            elif title.startswith("Sprint recap") and sprint is not None:
                period = f"sprint:{sprint.id}"
            else:
                continue
            truth = truth_of(session, period)
            found += [violation(day, m, t) for m, t in problems(seen.message.card, truth, names)]
    return found


def _posted_on(sim: Sim, day: date) -> list[Seen]:
    return [s for s in sim.world.channel if s.scheduled and s.at.date() == day]


def points(sim: Sim, day: date) -> list[Violation]:
    """Every member's ledger total equals their score and the points /profile shows."""
    found = []
    with Session(sim.hub.engine) as session:
        ledger = dict(
            session.exec(
                select(Member.external_id, func.sum(LedgerEntry.points))
                .join(Member, col(Member.id) == LedgerEntry.member_id)
                .group_by(Member.external_id)
            ).all()
        )
        scores = truth_of(session, "all")
    for person in sim.present():
        said = card_text(profile_of(sim, person, day).messages[0].card)
        shown = re.search(r"Points: (-?\d+)", said)
        seen = {
            "ledger": int(ledger.get(person.user) or 0),
            "scores": scores.get(person.user, 0),
            "/profile": int(shown[1]) if shown else None,
        }
        if len(set(seen.values())) > 1:
            text = ", ".join(f"{k} {v}" for k, v in seen.items())
            found.append(violation(day, person.user, f"points disagree: {text}"))
    return found
