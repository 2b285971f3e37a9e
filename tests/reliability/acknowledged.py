"""What members were told (the acknowledgements the processes logged) against the database.

Every check reads the logs of tests/reliability/traffic.py and the tables afterwards, and names
what was lost, doubled or never acknowledged. Members are named as the platform names them:
(community, member), e.g. ("g1", "a3").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.core.points import POINTS, Reason
from bot.features.daily.tables import Answer
from bot.features.leaderboard.tables import LedgerEntry, Score
from bot.features.story.tables import Story, StoryReview
from bot.storage.tables import Community, Member

Who = tuple[str, str]  # (community, member) as the platform names them
Line = dict[str, Any]
NOTICE = "New review of your story"


def acknowledged(lines: list[Line], event: str) -> list[Line]:
    """The lines one kind of acknowledged action left, in the order each process logged them."""
    return [line for line in lines if line["event"] == event]


def who(line: Line) -> Who:
    return (line["community"], line["member"])


def delivered(lines: list[Line], title: str) -> Counter[Who]:
    """How many messages whose title starts so each member (or channel) was delivered."""
    return Counter(
        (line["community_ref"], line["to"])
        for line in lines
        if line["event"] == "delivered" and line["title"].startswith(title)
    )


def names(session: Session) -> dict[int, Who]:
    """Every member's row id, and how the platform names them."""
    rows = session.exec(
        select(Member.id, Community.external_id, Member.external_id).join(
            Community, col(Community.id) == col(Member.community_id)
        )
    )
    return {int(member_id or 0): (community, external) for member_id, community, external in rows}


def check_answers(engine: Engine, lines: list[Line]) -> int:
    """Every acknowledged answer is stored, with its latest text; nothing else is."""
    answered = acknowledged(lines, "answered")
    latest = {(*who(line), line["post"]): line["text"] for line in answered}
    with Session(engine) as session:
        name = names(session)
        stored = {(*name[a.member_id], a.post_id): a.text for a in session.exec(select(Answer))}
    lost = sorted(key for key, text in latest.items() if stored.get(key) != text)
    assert lost == [], f"acknowledged answers lost or stale: {lost}"
    assert sorted(set(stored) - set(latest)) == [], "answers stored that nobody was told of"
    return len(answered)


def check_stories(engine: Engine, lines: list[Line]) -> int:
    """Every acknowledged story is stored once, under the title its author sent."""
    written = acknowledged(lines, "story")
    told = {(*who(line), line["story"]): line["title"] for line in written}
    assert len(told) == len(written), "two acknowledgements named the same story"
    with Session(engine) as session:
        name = names(session)
        stored = {(*name[s.member_id], s.id): s.title for s in session.exec(select(Story))}
    assert stored == told
    return len(written)


def check_reviews(engine: Engine, lines: list[Line]) -> int:
    """Every acknowledged review is stored once, and its author was sent it once."""
    reviewed = acknowledged(lines, "reviewed")
    told = Counter((*who(line), line["story"]) for line in reviewed)
    assert [key for key, count in told.items() if count > 1] == [], "a story reviewed twice"
    with Session(engine) as session:
        name = names(session)
        author = {s.id: name[s.member_id] for s in session.exec(select(Story))}
        rows = session.exec(select(StoryReview).where(StoryReview.status == "done")).all()
    stored = Counter((*name[r.reviewer_id], r.story_id) for r in rows if r.reviewer_id)
    assert stored == told
    expected = Counter(author[story] for _, _, story in told)
    assert delivered(lines, NOTICE) == expected, "an author's review notice lost or doubled"
    return len(reviewed)


def check_points(engine: Engine, lines: list[Line]) -> Counter[str]:
    """Each acknowledged action is awarded once, as the member was told; boards add up.

    Returns how many awards the ledger holds by reason.
    """
    with Session(engine) as session:
        name = names(session)
        ledger = session.exec(select(LedgerEntry)).all()
        scores = session.exec(select(Score)).all()
    awarded: dict[str, dict[tuple[Who, str], int]] = defaultdict(dict)
    for entry in ledger:
        key = (name[entry.member_id], _without_period(entry.reason, entry.reference))
        assert key not in awarded[entry.reason], f"awarded twice: {entry.reason} {key}"
        awarded[entry.reason][key] = entry.points
    for reason, expected in _awards_told(lines).items():
        assert awarded.pop(reason, {}) == expected, f"{reason} awards differ from what was told"
    _check_streaks(lines, awarded.pop(Reason.STREAK_BONUS.value, {}))
    assert awarded == {}, f"awards nobody earned here: {list(awarded)}"
    _check_boards(name, ledger, scores)
    return Counter(entry.reason for entry in ledger)


def _without_period(reason: str, reference: str) -> str:
    """A story award's reference without its sprint or week: "story:ownership"."""
    if reason != Reason.STORY_SUBMITTED.value:
        return reference
    return ":".join(reference.split(":")[:2])


def _awards_told(lines: list[Line]) -> dict[str, dict[tuple[Who, str], int]]:
    """The awards each acknowledged action should have made: what the member was told."""
    told: dict[str, dict[tuple[Who, str], int]] = defaultdict(dict)
    for event, reason, reference in (
        ("answered", Reason.DAILY_ANSWER, "post:{}"),
        ("story", Reason.STORY_SUBMITTED, "story:{lp}"),
        ("reviewed", Reason.STORY_REVIEW, "story-review:{}"),
    ):
        for line in acknowledged(lines, event):
            key = (who(line), reference.format(line.get("post", line.get("story")), **line))
            # Told "+N points" once, the first time: an updated answer earns nothing again.
            if line["points"]:
                assert key not in told[reason.value], f"told twice of points for {key}"
                assert line["points"] == POINTS[reason], line
                told[reason.value][key] = line["points"]
            else:
                assert key in told[reason.value], f"told of no points for {key}: {line}"
    return told


def _check_streaks(lines: list[Line], bonuses: dict[tuple[Who, str], int]) -> None:
    """Streak bonuses in the ledger are the ones the answering members were told of."""
    told: Counter[Who] = Counter()
    for line in acknowledged(lines, "answered"):
        told[who(line)] += line["bonus"]
    given: Counter[Who] = Counter()
    for (member, _), points in bonuses.items():
        given[member] += points
    assert +given == +told


def _check_boards(name: dict[int, Who], ledger: Any, scores: Any) -> None:
    """Each member's all-time and weekly scores add up to their ledger: no award counted twice."""
    total: Counter[Who] = Counter()
    for entry in ledger:
        total[name[entry.member_id]] += entry.points
    all_time: Counter[Who] = Counter()
    weekly: Counter[Who] = Counter()
    for score in scores:
        if score.period == "all":
            all_time[name[score.member_id]] += score.points
        elif score.period.startswith("week:"):
            weekly[name[score.member_id]] += score.points
    assert +all_time == +total, "an all-time score differs from the ledger"
    assert +weekly == +total, "weekly scores differ from the ledger"
