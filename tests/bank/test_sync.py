"""Loading the bank into the database is keyed by id: add, update, retire, never lose history."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.bank.sync import sync_bank
from bot.content import load_bank
from bot.features.daily.tables import DailyPost
from bot.storage.tables import Question
from tests.conftest import TEST_CONTENT, actor
from tests.fakes import FakeClock
from tests.features.suggestions.flow import approve_oldest, suggest


def _sync(hub: Hub, root: Path, clock: FakeClock) -> str:
    with Session(hub.engine) as session:
        report = sync_bank(session=session, bank=load_bank(root), clock=clock)
        session.commit()
    return str(report)


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    return root


def test_syncing_the_same_bank_again_changes_nothing(
    hub: Hub, tmp_path: Path, clock: FakeClock
) -> None:
    assert _sync(hub, _copy(tmp_path), clock) == "0 added, 0 updated, 0 retired, 5 unchanged"


def test_an_edited_question_is_updated_in_place(hub: Hub, tmp_path: Path, clock: FakeClock) -> None:
    root = _copy(tmp_path)
    path = root / "questions" / "coding-arrays-hashing.yaml"
    path.write_text(path.read_text().replace("title: Two Sum", "title: Two Sum, Revisited"))
    assert _sync(hub, root, clock) == "0 added, 1 updated, 0 retired, 4 unchanged"
    with Session(hub.engine) as session:
        assert session.get(Question, "two-sum").title == "Two Sum, Revisited"  # type: ignore[union-attr]


def test_a_removed_question_is_retired_and_its_history_kept(
    hub: Hub, tmp_path: Path, clock: FakeClock
) -> None:
    shown = hub.command_text(actor("u1"), "question", "")
    with Session(hub.engine) as session:
        post = session.exec(select(DailyPost)).one()
    root = _copy(tmp_path)
    for path in (root / "questions").glob("*.yaml"):
        text = path.read_text()
        if f"id: {post.question_id}\n" in text:
            start = text.index(f"  - id: {post.question_id}\n")
            end = text.find("\n  - id: ", start + 1)
            path.write_text(text[:start] + (text[end + 1 :] if end != -1 else ""))
    assert _sync(hub, root, clock).startswith("0 added, 0 updated, 1 retired")
    with Session(hub.engine) as session:
        retired = session.get(Question, post.question_id)
        assert retired is not None and retired.retired
        assert session.get(DailyPost, post.id) is not None
    again = hub.command_text(actor("u1"), "question", "")
    assert again.messages[0].card.title == shown.messages[0].card.title  # today's post stays
    clock.advance(days=1)
    tomorrow = hub.command_text(actor("u1"), "question", "")
    assert tomorrow.messages[0].card.title != shown.messages[0].card.title


def test_a_sync_leaves_the_communities_own_questions_alone(hub: Hub, clock: FakeClock) -> None:
    suggest(hub)
    approve_oldest(hub)
    assert _sync(hub, TEST_CONTENT, clock) == "0 added, 0 updated, 0 retired, 5 unchanged"
    with Session(hub.engine) as session:
        own = session.exec(select(Question).where(Question.community_id == 1)).one()
        assert (own.id, own.retired) == ("c1.calibrating-a-churn-model", False)
