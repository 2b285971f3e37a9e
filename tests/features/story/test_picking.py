"""`/story review` picks in SQL the very story the review rule of bot/core picks from full rows."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from bot.app.hub import Hub
from bot.features.story.store import StoryStore
from bot.features.story.tables import Story, StoryReview
from bot.storage.tables import Community, Member
from tests.features.story.fakes import core_pick

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
STATUSES = ("open", "open", "done", "done", "skipped")


def _moment(rng: random.Random) -> datetime:
    # Few distinct moments, so that stories tie on their wait and the later rules decide.
    return NOW - timedelta(hours=rng.choice((1, 5, 23, 25, 30, 71, 73, 100)))


def _seed(session: Session, rng: random.Random) -> tuple[int, list[int]]:
    """A community with members, stories (drafts and deleted ones too) and review rows."""
    community = Community(platform="console", external_id=f"g{rng.random()}", name="G")
    other = Community(platform="console", external_id=f"h{rng.random()}", name="H")
    session.add_all([community, other])
    session.flush()
    assert community.id is not None and other.id is not None
    members = [Member(community_id=community.id, external_id=f"u{n}") for n in range(8)]
    session.add_all(members)
    session.flush()
    ids = [m.id for m in members if m.id is not None]
    numbers = dict.fromkeys(ids, 0)
    for _ in range(rng.randint(0, 30)):
        author = rng.choice(ids)
        numbers[author] += 1
        ready = _moment(rng) if rng.random() < 0.85 else None
        story = Story(
            community_id=community.id,
            member_id=author,
            number=numbers[author],
            title="T",
            ready_at=ready,
            deleted_at=NOW if rng.random() < 0.1 else None,
        )
        session.add(story)
        session.flush()
        assert story.id is not None
        reviewers = rng.sample([i for i in ids if i != author], rng.randint(0, 4))
        for reviewer in reviewers:
            taken = _moment(rng) if rng.random() < 0.5 else None
            session.add(
                StoryReview(
                    community_id=community.id,
                    story_id=story.id,
                    reviewer_id=reviewer if rng.random() < 0.9 else None,
                    status=rng.choice(STATUSES),
                    assigned_at=_moment(rng),
                    taken_at=taken,
                )
            )
    session.flush()
    return community.id, ids


def test_the_sql_pick_is_the_review_rules_pick_on_seeded_communities(hub: Hub) -> None:
    picked = 0
    for seed in range(40):
        rng = random.Random(seed)
        with Session(hub.engine) as session:
            community_id, members = _seed(session, rng)
            store = StoryStore(session, community_id)
            ready = store.ready_stories()
            rows = store.reviews_of([s.id or 0 for s in ready])
            for reviewer in members:
                for wanted in (1, 2, 3):
                    expected = core_pick(ready, rows, reviewer, wanted=wanted, now=NOW)
                    got = store.pick_for_review(reviewer, wanted=wanted, now=NOW)
                    assert got == expected, (seed, reviewer, wanted)
                    picked += got is not None
    assert picked > 300  # most asks find a story: the comparison is not all "nothing"


def test_a_story_of_another_community_is_never_picked(hub: Hub) -> None:
    rng = random.Random(7)
    with Session(hub.engine) as session:
        _seed(session, rng)
        stranger = Community(platform="console", external_id="elsewhere", name="E")
        session.add(stranger)
        session.flush()
        assert stranger.id is not None
        reader = Member(community_id=stranger.id, external_id="r")
        session.add(reader)
        session.flush()
        assert reader.id is not None
        store = StoryStore(session, stranger.id)
        assert store.pick_for_review(reader.id, wanted=2, now=NOW) is None
