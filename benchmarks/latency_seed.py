"""Give the latency benchmark's big community a life: a sprint, a mock queue, stories, answers.

The rows are copies of rows the app itself wrote: a small scratch community first runs the real
commands (`/sprint start`, `/question post-now`, an answer, `/profile set`, `/mock request`, a
story through its form, `/story review` and a review through its form), and each of those rows,
read back with every column, is the shape the bulk rows copy with their own member, times and
numbers. Inserted with SQLAlchemy Core's executemany, so every value is stored exactly as the
app stores it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select
from sqlmodel import SQLModel

from benchmarks.latency_build import NOW
from bot.app.hub import Hub
from bot.core.actors import Actor
from bot.core.story import PRINCIPLE_IDS
from bot.core.vocabulary import LEVELS, ROUNDS
from bot.features.daily.tables import Answer, DailyPost
from bot.features.mock.tables import MockProfile, MockRequest
from bot.features.sprints.tables import Sprint
from bot.features.story.form import encode
from bot.features.story.tables import Story, StoryReview
from bot.storage.tables import Community, Question

SCRATCH = "scratch"  # the console community whose rows the bulk copies
CHANNEL = "study"  # the big community's study channel (moved with it to each platform)
SPRINT_DAYS = 10  # the sprint started this many days before NOW
ANSWER_DAYS = 28  # a daily post a day in the channel, with answers
ANSWERS_PER_DAY = 3_000
MOCK_PROFILES = 20_000
MOCK_WAITING = 5_000
STORIES = 5_000
ROLES = ("MLE", "SDE", "Applied Scientist", "Data Scientist")
HOURS = ("mon-fri 18:00-21:00", "sat 10:00-14:00", "mon-fri 07:00-09:00, sun 16:00-20:00")
PART = (
    "Our nightly training job failed one run in five and nobody owned it. I traced it to a race "
    "between two writers, wrote the fix and a test that reproduced it, and added an alert. "
)


def seeded(hub: Hub) -> bool:
    """Whether the big community already has its sprint (the last thing `seed` writes)."""
    with hub.engine.connect() as conn:
        found = conn.execute(
            select(func.count()).select_from(_t(Sprint)).where(_t(Sprint).c.community_id == 1)
        )
        return bool(found.scalar())


def seed(hub: Hub, members: int, active: Iterable[int]) -> None:
    """Write the sprint, posts and answers, the mock queue and the stories of community 1.

    `active` are the member ids the benchmark sends events from: each gets a mock profile, a
    story and a place in the queue or among the reviewers, so their commands show real content.
    """
    began = time.perf_counter()
    shapes = app_rows(hub)
    rng = random.Random(19)
    active = sorted(set(active))
    with hub.engine.begin() as conn:
        _posts_and_answers(conn, shapes, members, rng)
        _mock_queue(conn, shapes, members, active, rng)
        _stories(conn, shapes, members, active, rng)
        _sprint(conn, shapes)
    with hub.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    print(
        "seeded the sprint, posts, answers, mock queue and stories in "
        f"{time.perf_counter() - began:.0f} s"
    )


def _t(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def app_rows(hub: Hub) -> dict[str, dict[str, Any]]:
    """Run the real commands in a scratch community; return one written row of each table."""
    admin = Actor("console", SCRATCH, "s-admin", "Ada", channel_id=CHANNEL, is_admin=True)
    one = Actor("console", SCRATCH, "s-one", "Ben", channel_id=CHANNEL)
    two = Actor("console", SCRATCH, "s-two", "Cy", channel_id=CHANNEL)
    hub.command_text(admin, "sprint", "start Winter prep")
    hub.command_text(admin, "question", "post-now")
    post_id = _one(hub, DailyPost)["id"]
    hub.submit(one, "q.answer", str(post_id), {"answer": "Two pointers, then a hash map."})
    for who in (one, two):
        hub.command_text(who, "profile", 'set role:MLE level:senior availability:"sat 10:00-14:00"')
    hub.command_text(one, "mock", "request round:phone_screen")
    fields = {
        "title": "Fixed the flaky trainer",
        **dict.fromkeys(("situation", "task", "action", "result"), PART),
    }
    hub.submit(one, "story.new", encode(("ownership", "dive-deep")), fields)
    hub.command_text(two, "story", "review")
    story_id = _one(hub, Story)["id"]
    hub.press(two, "story.take", str(story_id))
    comments = "Clear situation and a measurable result; say more about what you decided alone."
    hub.submit(two, "story.review", str(story_id), {"scores": "3 4 3 3 4", "comments": comments})
    rows = {
        model.__name__: _one(hub, model)
        for model in (Sprint, DailyPost, Answer, MockProfile, MockRequest, Story, StoryReview)
    }
    for name, row in rows.items():
        assert row, f"the scratch community wrote no {name}"
    assert rows["StoryReview"]["status"] == "done", rows["StoryReview"]
    assert rows["MockRequest"]["status"] == "waiting", rows["MockRequest"]
    return rows


def _one(hub: Hub, model: type[SQLModel]) -> dict[str, Any]:
    """The first row of `model` in the scratch community, every column as the app stored it."""
    table = _t(model)
    with hub.engine.connect() as conn:
        scratch = conn.execute(
            select(_t(Community).c.id).where(_t(Community).c.external_id == SCRATCH)
        ).scalar()
        if "community_id" in table.c:
            where = table.c.community_id == scratch
        else:  # answers belong to a post
            posts = select(_t(DailyPost).c.id).where(_t(DailyPost).c.community_id == scratch)
            where = table.c.post_id.in_(posts)
        row = (
            conn.execute(select(table).where(where).order_by(table.c.id).limit(1))
            .mappings()
            .first()
        )
    return dict(row) if row else {}


def _like(shape: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of an app-written row with its own id left to the database and `changes` made."""
    row = {k: v for k, v in shape.items() if k != "id"}
    row.update(changes)
    return row


def _posts_and_answers(
    conn: Connection, shapes: dict[str, dict[str, Any]], members: int, rng: random.Random
) -> None:
    """A post a day for four weeks in the study channel, each with thousands of answers."""
    questions = list(
        conn.execute(
            select(_t(Question).c.id)
            .where(_t(Question).c.community_id.is_(None))
            .order_by(_t(Question).c.id)
        ).scalars()
    )
    post, answer = shapes["DailyPost"], shapes["Answer"]
    for back in range(ANSWER_DAYS, -1, -1):
        day = NOW.date() - timedelta(days=back)
        at = NOW.replace(hour=9) - timedelta(days=back)
        posted = conn.execute(
            insert(_t(DailyPost)),
            _like(
                post,
                community_id=1,
                channel_id=CHANNEL,
                local_date=day,
                question_id=questions[back % len(questions)],
                message_ref=f"m{back}",
                posted_at=at,
                created_at=at,
            ),
        )
        post_id = posted.inserted_primary_key[0]
        share = 10 if back == 0 else 1  # today's post, out three hours, has a tenth of a day's
        who = rng.sample(range(1, members + 1), min(ANSWERS_PER_DAY // share, members))
        conn.execute(
            insert(_t(Answer)),
            [
                _like(
                    answer,
                    post_id=post_id,
                    member_id=m,
                    created_at=(done := at + timedelta(minutes=rng.randint(5, 170))),
                    updated_at=done,
                )
                for m in who
            ],
        )


def _mock_queue(
    conn: Connection,
    shapes: dict[str, dict[str, Any]],
    members: int,
    active: list[int],
    rng: random.Random,
) -> None:
    """Mock profiles in several roles and levels; thousands waiting in every round."""
    profile, request = shapes["MockProfile"], shapes["MockRequest"]
    chosen = sorted(
        set(rng.sample(range(1, members + 1), min(MOCK_PROFILES, members))) | set(active)
    )
    conn.execute(
        insert(_t(MockProfile)),
        [
            _like(
                profile,
                community_id=1,
                member_id=m,
                role=ROLES[m % len(ROLES)],
                level=LEVELS[m % len(LEVELS)],
                availability=HOURS[m % len(HOURS)],
            )
            for m in chosen
        ],
    )
    waiting = rng.sample(chosen, min(MOCK_WAITING, len(chosen)))
    waiting = sorted(set(waiting) | set(active[::2]))  # half the active members wait already
    rows = []
    for m in waiting:
        since = NOW - timedelta(
            hours=rng.randint(1, 20)
        )  # within the wait limit: nobody is overdue
        rows.append(
            _like(
                request,
                community_id=1,
                member_id=m,
                round=ROUNDS[rng.randrange(len(ROUNDS))],
                waiting_since=since,
                updated_at=since,
            )
        )
    conn.execute(insert(_t(MockRequest)), rows)


def _stories(
    conn: Connection,
    shapes: dict[str, dict[str, Any]],
    members: int,
    active: list[int],
    rng: random.Random,
) -> None:
    """Stories waiting for review (some with a review done), and one of each active member's."""
    story, review = shapes["Story"], shapes["StoryReview"]
    authors = [rng.randint(1, members) for _ in range(STORIES)] + active
    numbers: dict[int, int] = {}
    rows = []
    for n, author in enumerate(authors):
        numbers[author] = numbers.get(author, 0) + 1
        ready = NOW - timedelta(days=rng.randint(0, 30), minutes=rng.randint(0, 1440))
        pids = rng.sample(PRINCIPLE_IDS, 2)
        rows.append(
            _like(
                story,
                community_id=1,
                member_id=author,
                number=numbers[author],
                principles=",".join(pids),
                title=f"Story {n + 1}",
                ready_at=ready,
                created_at=ready - timedelta(hours=1),
                updated_at=ready,
                points_reference="",
            )
        )
    conn.execute(insert(_t(Story)), rows)
    ids = list(
        conn.execute(
            select(_t(Story).c.id, _t(Story).c.member_id, _t(Story).c.ready_at).where(
                _t(Story).c.community_id == 1
            )
        )
    )
    reviews = []
    for story_id, author, ready in ids:
        if rng.random() < 0.4:  # two in five have had one review
            reviewer = rng.randint(1, members)
            if reviewer == author:
                continue
            done = min(ready + timedelta(hours=rng.randint(1, 48)), NOW)
            reviews.append(
                _like(
                    review,
                    community_id=1,
                    story_id=story_id,
                    reviewer_id=reviewer,
                    assigned_at=done - timedelta(hours=1),
                    taken_at=done - timedelta(hours=1),
                    reviewed_at=done,
                )
            )
    conn.execute(insert(_t(StoryReview)), reviews)


def _sprint(conn: Connection, shapes: dict[str, dict[str, Any]]) -> None:
    """The study channel's sprint, started `SPRINT_DAYS` ago, with its season's scores."""
    start: date = NOW.date() - timedelta(days=SPRINT_DAYS)
    made = conn.execute(
        insert(_t(Sprint)),
        _like(
            shapes["Sprint"],
            community_id=1,
            channel_id=CHANNEL,
            start_date=start,
            created_at=NOW - timedelta(days=SPRINT_DAYS + 2),
        ),
    )
    sprint_id = made.inserted_primary_key[0]
    conn.exec_driver_sql(
        "INSERT INTO score (community_id, member_id, period, points) "
        "SELECT 1, member_id, ?, sum(points) FROM ledgerentry WHERE created_at >= ? "
        "GROUP BY member_id",
        (f"sprint:{sprint_id}", f"{start.isoformat()} 00:00:00.000000"),
    )
