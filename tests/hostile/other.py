"""Community B: rows full of a secret marker that community A's members must never reach."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import SQLModel

import bot.storage.all_tables  # noqa: F401  (every table is in the metadata)
from bot.app.hub import OOPS, Hub
from bot.core.actors import Actor
from bot.core.cards import Reply, plain
from bot.features.daily.tables import Answer, DailyPost
from bot.features.mock.tables import MockPairing, MockRound
from bot.features.sprints.tables import Sprint
from bot.features.story.tables import Story, StoryReview
from bot.features.suggestions.tables import Suggestion
from bot.storage.tables import Community, Member, Question
from tests.fakes import FakeClock
from tests.features.story.flow import GOOD
from tests.features.suggestions import flow as suggestion_flow
from tests.features.suggestions.flow import SUGGESTED
from tests.hostile.inputs import MARKER

Snapshot = dict[str, list[tuple[Any, ...]]]


@dataclass
class Other:
    """What community B holds, for forging values that name it."""

    platform: str
    external_id: str
    pk: int
    members: list[str]
    ids: dict[str, list[int]] = field(default_factory=dict)

    def all_ids(self) -> list[int]:
        return sorted({i for values in self.ids.values() for i in values})


def _actor(platform: str, community: str, user: str, admin: bool = False) -> Actor:
    return Actor(
        platform=platform,
        community_id=community,
        user_id=user,
        display_name=f"{MARKER} {user}",
        community_name=f"Team {MARKER}",
        channel_id="CB0ZQXSECRETB",
        is_admin=admin,
    )


def _ok(reply: Reply) -> Reply:
    shown = " ".join(plain(m.card.text) for m in reply.messages)
    assert OOPS not in shown, shown
    return reply


def _button(reply: Reply, action: str) -> tuple[str, str]:
    found = [b for m in reply.messages for b in m.card.buttons if b.action == action]
    assert found, f"no {action} button in {[plain(m.card.title) for m in reply.messages]}"
    return found[0].action, found[0].value


def seed_other(hub: Hub, platform: str, community: str, users: tuple[str, str, str]) -> Other:
    """Fill community B through the hub: a sprint, a daily post and answer, a mock, a story."""
    admin, first, second = (_actor(platform, community, u, i == 0) for i, u in enumerate(users))
    _ok(hub.command_text(admin, "sprint", f'start name:"Spring {MARKER}"'))
    posted = _ok(hub.command_text(admin, "question", "post-now")).messages[0]
    assert posted.track is not None
    hub.track(admin, posted.track, "1777777777777777700")
    _daily(hub, first)
    _mock(hub, admin, first, second)
    _story(hub, first, second)
    _ok(hub.command_text(admin, "story", "settings reviews:3"))
    _ok(hub.command_text(second, "practice", "daily at:08:00 timezone:Europe/Berlin"))
    _ok(hub.command_text(first, "profile", "streaks on:no"))
    _ok(hub.command_text(admin, "mock", f'settings roles:"MLE, SDE, {MARKER} Lab"'))
    _suggestions(hub, admin, first)
    daily = replace(admin, channel_id="CB0ZQXLPDAILY")  # a standing schedule, a previewed post
    _ok(hub.command_text(daily, "question", "schedule time:09:00 track:lp weekly_board:mon"))
    _ok(hub.command_text(daily, "question", "next"))
    other = Other(platform, community, _pk(hub.engine, platform, community), list(users))
    other.ids = _ids(hub.engine, other.pk)
    return other


def _daily(hub: Hub, member: Actor) -> None:
    shown = _ok(hub.command_text(member, "question", ""))
    opened = _ok(hub.press(member, *_button(shown, "q.answer")))
    assert opened.modal is not None
    modal = opened.modal
    saved = _ok(hub.submit(member, modal.action, modal.value, {"answer": f"{MARKER} answer"}))
    _ok(hub.press(member, *_button(saved, "q.share")))
    _ok(hub.press(member, "q.rate", f"{modal.value}:missed"))


def _suggestions(hub: Hub, admin: Actor, member: Actor) -> None:
    """B's own bank holds an approved question and one more waits, both marked."""
    for title in (f"{MARKER} calibration", f"{MARKER} waiting"):
        opened = _ok(hub.command_text(member, "question", f"suggest {suggestion_flow.KEYS}"))
        assert opened.modal is not None
        prompt = SUGGESTED["prompt"] if "calibration" in title else WAITING
        fields = {**SUGGESTED, "title": title, "prompt": f"{prompt} {MARKER}"}
        if "waiting" in title:
            fields |= {"hints": "Think of guardrail metrics", "strong_answer": WAITING_POINTS}
        _ok(hub.submit(member, opened.modal.action, opened.modal.value, fields))
    queue = _ok(hub.command_text(admin, "question", "suggestions"))
    _ok(hub.press(admin, *_button(queue, "sg.approve")))


WAITING = (
    "A recommender's click-through rate rose after launch but revenue fell. Which metrics "
    "would you add to the experiment, and how would you decide whether to roll back?"
)
WAITING_POINTS = "Revenue per user as a guardrail\nA holdout kept for weeks\nNovelty effects"


def _mock(hub: Hub, admin: Actor, first: Actor, second: Actor) -> None:
    for member in (first, second):
        line = 'set role:MLE level:mle2 timezone:UTC availability:"daily 09:00-21:00"'
        _ok(hub.command_text(member, "profile", line))
        _ok(hub.command_text(member, "mock", "request round:onsite_coding"))
    # `/mock done` opens at the proposed time: B's mock happens a day on, without moving the
    # clock of the test that seeds B.
    real, hub.clock = hub.clock, FakeClock(hub.clock.now() + timedelta(days=1))
    try:
        opened = _ok(hub.command_text(first, "mock", "done")).modal
        assert opened is not None, "the two members of B were not paired"
        fields = {f"s{i}": "3" for i in range(4)} | {"comment": f"{MARKER} feedback " * 10}
        _ok(hub.submit(first, opened.action, opened.value, fields))
    finally:
        hub.clock = real
    _ok(hub.command_text(admin, "mock", "round round:ml_depth"))


def _story(hub: Hub, author: Actor, reviewer: Actor) -> None:
    opened = _ok(hub.command_text(author, "story", "new principle:ownership")).modal
    assert opened is not None
    story = {**GOOD, "title": f"{MARKER} story", "result": f"{GOOD['result']} {MARKER}"}
    _ok(hub.submit(author, opened.action, opened.value, story))
    offered = _ok(hub.command_text(reviewer, "story", "review"))
    handed = _ok(hub.press(reviewer, *_button(offered, "story.take")))
    form = _ok(hub.press(reviewer, *_button(handed, "story.review"))).modal
    assert form is not None
    comments = f"{MARKER} review " * 10
    _ok(
        hub.submit(reviewer, form.action, form.value, {"scores": "3 4 3 4 3", "comments": comments})
    )


def _pk(engine: Engine, platform: str, community: str) -> int:
    query = select(Community.id).where(
        Community.platform == platform, Community.external_id == community
    )
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def _ids(engine: Engine, pk: int) -> dict[str, list[int]]:
    """The row ids of B that buttons and forms name, and its story numbers."""
    tables: dict[str, Any] = {
        "post": DailyPost,
        "story": Story,
        "review": StoryReview,
        "pairing": MockPairing,
        "round": MockRound,
        "member": Member,
        "sprint": Sprint,
        "suggestion": Suggestion,
    }
    found: dict[str, list[int]] = {}
    with engine.connect() as conn:
        for name, table in tables.items():
            rows = conn.execute(select(table.id).where(table.community_id == pk))
            found[name] = sorted(int(i) for i in rows.scalars())
        numbers = conn.execute(select(Story.number).where(Story.community_id == pk))
        found["number"] = sorted(int(n) for n in numbers.scalars())
    assert all(found.values()), found
    return found


def snapshot(engine: Engine, pk: int) -> Snapshot:
    """Every row of community B (and the shared question bank), to compare before and after."""
    found: Snapshot = {}
    with engine.connect() as conn:
        posts = select(DailyPost.id).where(DailyPost.community_id == pk)
        for table in SQLModel.metadata.sorted_tables:
            if table.name == "community":
                query = select(table).where(table.c.id == pk)
            elif table.name == Question.__tablename__:  # B's own questions and the shipped bank
                query = select(table).where(
                    (table.c.community_id == pk) | table.c.community_id.is_(None)
                )
            elif "community_id" in table.c:
                query = select(table).where(table.c.community_id == pk)
            elif table.name == Answer.__tablename__:
                query = select(table).where(table.c.post_id.in_(posts))
            else:
                query = select(table)
            found[table.name] = sorted((tuple(row) for row in conn.execute(query)), key=repr)
    return found


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """The tables whose rows of B differ."""
    return [name for name in before if before[name] != after.get(name)]
