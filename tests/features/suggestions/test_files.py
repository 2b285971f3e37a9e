"""`preploop content export|import --community ID`: checked like the bank, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.app.hub import Hub
from bot.cli import main
from bot.storage.tables import Question
from tests.conftest import actor
from tests.features.suggestions.flow import approve_oldest, suggest

GOOD_YAML = """\
questions:
  - id: feature-store-lag
    category: deployment
    rounds: [ml_system_design]
    difficulty: hard
    title: Training and serving features drift apart
    prompt: >-
      Offline accuracy is five points above what the live model shows. You suspect the
      features computed for training differ from those served. How do you find and fix it?
    hints: [Log served features and compare, Point-in-time correct joins]
    strong_answer:
      - Logs the served feature vectors and diffs them with training rows
      - Uses point-in-time joins so training never sees the future
      - One feature definition shared by the batch and online paths
"""
BAD_YAML = (
    GOOD_YAML
    + """\
  - id: Not An Id
    category: coding
    rounds: []
    difficulty: easy
    title: Hi
    prompt: Too short.
    hints: [a nudge that is long enough]
    strong_answer: [one point that is long enough]
"""
)


@pytest.fixture
def cli(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> Hub:
    """The command line on the hub's database, with community 1 created."""
    monkeypatch.setenv("DATABASE_URL", str(hub.engine.url.render_as_string(hide_password=False)))
    hub.command_text(actor("u1"), "question", "")
    return hub


def _own(hub: Hub) -> list[Question]:
    with Session(hub.engine) as session:
        query = select(Question).where(Question.community_id == 1)
        return list(session.exec(query))


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_import_with_errors_imports_nothing_and_reports_every_line(
    cli: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "ours.yaml", BAD_YAML)
    assert main(["content", "import", str(path), "--community", "1"]) == 1
    err = capsys.readouterr().err
    assert "ours.yaml:15: questions[1].id: String should match pattern" in err
    assert "ours.yaml:15: questions[1].rounds: List should have at least 1 item" in err
    assert "questions[1].prompt: String should have at least 20 characters" in err
    assert "Nothing was imported" in err
    assert _own(cli) == []


def test_a_csv_problem_names_its_row_and_column(
    cli: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "id,category,rounds,difficulty,title,prompt,hints,strong_answer\n"
    row = 'q-one,coding,phone_screen,impossible,A title,"Prompt long enough to pass it",h,"a\nb"\n'
    path = _write(tmp_path, "ours.csv", header + row)
    assert main(["content", "import", str(path), "--community", "1"]) == 1
    err = capsys.readouterr().err
    assert "ours.csv:3:4: difficulty: Input should be 'easy', 'medium' or 'hard'" in err
    assert "ours.csv:3:8: strong_answer: List should have at least 3 items" in err
    assert _own(cli) == []


@pytest.mark.parametrize("form", ["yaml", "csv"])
def test_export_then_import_gives_back_the_same_questions(
    cli: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    assert (
        main(["content", "import", str(_write(tmp_path, "a.yaml", GOOD_YAML)), "--community", "1"])
        == 0
    )
    suggest(cli)
    approve_oldest(cli)
    capsys.readouterr()
    assert main(["content", "export", "--community", "1", "--format", form]) == 0
    exported = capsys.readouterr().out
    before = {(q.id, q.title, q.credit, str(q.data)) for q in _own(cli)}
    assert len(before) == 2
    path = _write(tmp_path, f"back.{form}", exported)
    assert main(["content", "import", str(path), "--community", "1"]) == 0
    assert "0 added, 0 updated, 2 unchanged" in capsys.readouterr().out
    assert {(q.id, q.title, q.credit, str(q.data)) for q in _own(cli)} == before


def test_a_near_duplicate_of_the_bank_is_refused_with_its_title(
    cli: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twice = GOOD_YAML + GOOD_YAML.split("questions:\n", 1)[1].replace("feature-store-lag", "again")
    assert (
        main(["content", "import", str(_write(tmp_path, "d.yaml", twice)), "--community", "1"]) == 1
    )
    err = capsys.readouterr().err
    assert "d.yaml:15: 'again' asks what “Training and serving features drift apart” asks" in err
    assert _own(cli) == []
    path = _write(tmp_path, "a.yaml", GOOD_YAML)
    assert main(["content", "import", str(path), "--community", "1"]) == 0
    again = _write(tmp_path, "b.yaml", GOOD_YAML.replace("feature-store-lag", "lag-two"))
    assert main(["content", "import", str(again), "--community", "1"]) == 1
    err = capsys.readouterr().err
    assert "b.yaml:2: 'lag-two' asks what “Training and serving features drift apart” asks" in err
