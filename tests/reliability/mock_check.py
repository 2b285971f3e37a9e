"""The mock rounds of the simulated week, from the logs and the tables: once, and nobody lost.

A member who asked for a partner was told one of three things (tests/reliability/traffic.py):
a partner now ("paired"), a place in the open round ("round": the Join button's "See you
there!", or `/mock request` saying the open round includes them), or a place in the queue.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.features.mock.tables import MockPairing, MockRequest, MockRound, MockSeat
from bot.storage.tables import Community
from tests.reliability.acknowledged import Line, Who, acknowledged, delivered, names, who
from tests.reliability.fake_platform import CLOSED
from tests.reliability.traffic import IN_ROUND, PAIRED

ANNOUNCED = ("You have a mock interview partner", "You are in a mock trio")
PACKET = "Interviewer packet"
LEFT_OUT = "No partner this round"
ROUND_CARD = "Mock round: "


@dataclass
class Mocks:
    """What the mock tables held at the end of the week."""

    rounds: list[tuple[str, MockRound]]  # with the community's platform id
    pairings: dict[int, MockPairing]
    seats: dict[Who, list[MockSeat]]
    requests: Counter[Who]


def read_mocks(engine: Engine) -> Mocks:
    with Session(engine) as session:
        name = names(session)
        rounds = session.exec(
            select(Community.external_id, MockRound).where(
                col(Community.id) == col(MockRound.community_id)
            )
        ).all()
        pairings = {p.id or 0: p for p in session.exec(select(MockPairing))}
        seats: dict[Who, list[MockSeat]] = {}
        for seat in session.exec(select(MockSeat)):
            seats.setdefault(name[seat.member_id], []).append(seat)
        requests = Counter(name[r.member_id] for r in session.exec(select(MockRequest)))
    return Mocks([(ref, row) for ref, row in rounds], pairings, seats, requests)


def check_rounds(mocks: Mocks, lines: list[Line]) -> None:
    """Each round's card and closing summary went out once, and the summary tells the truth."""
    cards, summaries = delivered(lines, ROUND_CARD), delivered(lines, CLOSED)
    channels = Counter((ref, row.channel_id) for ref, row in mocks.rounds)
    assert cards == channels, "a round's card lost or doubled"
    assert summaries == channels, "a round's closing summary lost or doubled"
    left_out = delivered(lines, LEFT_OUT)
    for ref, row in mocks.rounds:
        assert row.status == "closed" and row.closed_at is not None, row
        sizes = Counter(
            len(_seats_of(mocks, pairing.id or 0))
            for pairing in mocks.pairings.values()
            if pairing.mock_round_id == row.id
        )
        waiting = sum(count for (community, _), count in left_out.items() if community == ref)
        said = next(
            line["text"]
            for line in lines
            if line["event"] == "delivered"
            and line["title"].startswith(CLOSED)
            and line["community_ref"] == ref
        )
        told = {"pair": _said(said, "pair"), "trio": _said(said, "trio")}
        assert told == {"pair": sizes[2], "trio": sizes[3]}, said
        assert _said(said, "member") == waiting, said


def check_requests(mocks: Mocks, lines: list[Line]) -> Counter[str]:
    """Every acknowledged request holds: paired or told why not, once; nobody in two pairings.

    Returns how many members were told what.
    """
    asked = {who(line): line for line in acknowledged(lines, "mock")}
    assert len(asked) == len(acknowledged(lines, "mock")), "a member acknowledged twice"
    # A pairing whose time was not accepted in time is released: its members go back to the
    # queue first in line (a new request), and may be paired again.
    released = {m for m, seats in mocks.seats.items() if any(s.status == "released" for s in seats)}
    wrong = {m: n for m, n in (mocks.requests - Counter(list(asked))).items() if m not in released}
    lost = sorted(set(asked) - set(mocks.requests))
    assert (wrong, lost) == ({}, []), f"requests doubled or unacknowledged {wrong}, lost {lost}"
    doubled = {
        member: len(seats)
        for member, seats in mocks.seats.items()
        if len([s for s in seats if s.status != "released"]) > 1
    }
    assert doubled == {}, f"members in two pairings: {doubled}"
    assert set(mocks.seats) <= set(asked), "paired without asking"
    left_out = delivered(lines, LEFT_OUT)
    for member, line in asked.items():
        seated = len(mocks.seats.get(member, []))
        if member in released:
            seated = 1  # the first pairing counts; the one after its release is extra
        if line["told"] == IN_ROUND:
            assert seated + left_out[member] == 1, f"{member} {line}: {left_out[member]} told"
        elif line["told"] == PAIRED:
            assert seated == 1 and left_out[member] == 0, line
            assert mocks.pairings[mocks.seats[member][0].pairing_id].mock_round_id is None
        else:  # queued after the round: nothing was promised about it
            assert left_out[member] == 0, line
    return Counter(line["told"] for line in asked.values())


def check_announcements(mocks: Mocks, lines: list[Line]) -> Counter[str]:
    """Each member of each pairing got its announcement and one packet once; nothing else.

    Returns how the announcements went out: by the scheduler (a round's close) or in a reply.
    """
    expected = Counter(
        (*member, str(seat.pairing_id)) for member, seats in mocks.seats.items() for seat in seats
    )
    announced = Counter(
        (line["community_ref"], line["to"], _pairing_of(line))
        for line in lines
        if line["event"] == "delivered" and line["title"].startswith(ANNOUNCED)
    )
    assert announced == expected, "a pairing's announcement lost, doubled or made up"
    assert delivered(lines, PACKET) == Counter({m: len(s) for m, s in mocks.seats.items()})
    return Counter(
        line.get("kind") or line["via"]
        for line in lines
        if line["event"] == "delivered" and line["title"].startswith(ANNOUNCED)
    )


def _seats_of(mocks: Mocks, pairing_id: int) -> list[MockSeat]:
    return [s for seats in mocks.seats.values() for s in seats if s.pairing_id == pairing_id]


def _pairing_of(line: Line) -> str:
    return str(next(b["value"] for b in line["buttons"] if b["action"] == "mock.done"))


def _said(text: str, noun: str) -> int:
    """The number a closing summary gives of pairs, trios or members ("2 pairs" -> 2)."""
    found = re.search(rf"(\d+) {noun}", text)
    return int(found.group(1)) if found else 0
