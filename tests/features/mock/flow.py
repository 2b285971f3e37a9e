"""Steps the mock tests share: set a profile, ask for a partner, read the private messages."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, func, select

from bot.app.hub import Hub
from bot.core.cards import Card, Message, Reply, Visibility, plain
from bot.features.leaderboard.tables import LedgerEntry
from bot.storage.tables import Member, Question
from tests.conftest import actor

STARTS = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)  # the time proposed to the pair() of two
PARIS_EVENINGS = '"mon-fri 18:00-21:00, sat 10:00-14:00"'
NEW_YORK_NOONS = '"mon-fri 12:00-15:00"'
FEEDBACK = (
    "You clarified the input size first, then explained the hash map idea before coding it. "
    "Test the empty list next time."
)

ANNOUNCED = "You have a mock interview partner"


def card_text(card: Card) -> str:
    """Everything a card shows, as plain text."""
    lines = [plain(card.title), plain(card.text)]
    lines += [f"{plain(f.name)}: {plain(f.value)}" for f in card.fields]
    lines += [plain(card.footer), *(b.label for b in card.buttons)]
    return "\n".join(line for line in lines if line)


def text_of(reply: Reply) -> str:
    return "\n".join(card_text(m.card) for m in reply.messages)


def to(reply: Reply, user: str) -> list[Message]:
    """The direct messages a reply sends to one member."""
    return [m for m in reply.messages if m.visibility is Visibility.DIRECT and m.to_member == user]


def profile(
    hub: Hub,
    user: str,
    role: str = "MLE",
    level: str = "mle2",
    zone: str = "Europe/Paris",
    hours: str = PARIS_EVENINGS,
    community: str = "g1",
) -> Reply:
    line = f"set role:{role} level:{level} timezone:{zone}"
    if hours:
        line += f" availability:{hours}"
    return hub.command_text(actor(user, community=community), "profile", line)


def request(hub: Hub, user: str, line: str = "round:onsite_coding", community: str = "g1") -> Reply:
    return hub.command_text(actor(user, community=community), "mock", f"request {line}")


def mock(hub: Hub, user: str, line: str, community: str = "g1", admin: bool = False) -> Reply:
    return hub.command_text(actor(user, community=community, admin=admin), "mock", line)


def pair(hub: Hub, first: str = "u1", second: str = "u2") -> Reply:
    """Give two members profiles, let the first wait and the second match with them."""
    profile(hub, first)
    profile(hub, second, level="senior", zone="America/New_York", hours=NEW_YORK_NOONS)
    request(hub, first)
    return request(hub, second, "round:ml_depth")


def agreed(hub: Hub, first: str = "u1", second: str = "u2") -> Reply:
    """Pair two members and have both accept the proposed time, so the pairing is not released."""
    paired = pair(hub, first, second)
    for user in (first, second):
        [announced] = [m for m in to(paired, user) if m.card.title == ANNOUNCED]
        accept = next(b for b in announced.card.buttons if b.label == "Accept")
        hub.press(actor(user), accept.action, accept.value)
    return paired


def done(
    hub: Hub, user: str, scores: tuple[str, ...] = ("3", "4", "2", "3"), comment: str = FEEDBACK
) -> Reply:
    opened = mock(hub, user, "done")
    assert opened.modal is not None, text_of(opened)
    fields = {f"s{i}": score for i, score in enumerate(scores)} | {"comment": comment}
    return hub.submit(actor(user), opened.modal.action, opened.modal.value, fields)


def points(hub: Hub, user: str, reason: str | None = None) -> int:
    with Session(hub.engine) as session:
        member = session.exec(select(Member).where(Member.external_id == user)).one()
        query = select(func.sum(LedgerEntry.points)).where(LedgerEntry.member_id == member.id)
        if reason is not None:
            query = query.where(LedgerEntry.reason == reason)
        return int(session.exec(query).one() or 0)


def add_question(
    hub: Hub, qid: str, rounds: list[str], levels: list[str], category: str = "applied_ml"
) -> None:
    """Put a small question in the bank for one test."""
    data = {
        "id": qid,
        "category": category,
        "rounds": rounds,
        "levels": levels,
        "title": f"Question {qid}",
        "prompt": f"Prompt of {qid}: explain it as you would in the interview.",
        "hints": [f"Hint one for {qid}", f"Hint two for {qid}"],
        "follow_ups": [f"Follow-up for {qid}"],
        "strong_answer": [f"Strong point A of {qid}", f"Strong point B of {qid}", "Point C ok"],
    }
    with Session(hub.engine) as session:
        session.add(
            Question(id=qid, category=category, difficulty="medium", title=data["title"], data=data)
        )
        session.commit()


def retire_all(hub: Hub, but: str = "") -> None:
    """Retire every question of the test bank (except one), so a test controls the pool."""
    with Session(hub.engine) as session:
        for question in session.exec(select(Question).where(Question.id != but)):
            question.retired = True
        session.commit()
