"""The story-nudges migration: offers and reminders go down and up again on a database with rows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from bot.storage.engine import make_engine
from bot.storage.migrate import downgrade, upgrade
from tests.features.story.test_migration import NOW, _seed

OFFER = (
    "INSERT INTO storyoffer (community_id, story_id, reviewer_id, offered_at) "
    f"VALUES (1, 1, 2, '{NOW}')"
)


def _review_columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("storyreview")}


def test_the_nudges_go_down_and_up_again_keeping_the_reviews(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    _seed(engine)
    with engine.begin() as conn:
        conn.execute(text(OFFER))
        conn.execute(text(f"UPDATE storyreview SET reminded_at = '{NOW}'"))
    downgrade(engine, "0006_story_review_taken")
    assert "storyoffer" not in inspect(engine).get_table_names()
    assert "reminded_at" not in _review_columns(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM storyreview")).scalar() == "open"
    upgrade(engine)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT reminded_at FROM storyreview")).scalar() is None
        conn.execute(text(OFFER))
        assert conn.execute(text("SELECT count(*) FROM storyoffer")).scalar() == 1
