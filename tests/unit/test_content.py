"""The content format: every problem reported with file and line, in one run."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.content import DEFAULT_CONTENT_DIR, check_bank
from tests.conftest import TEST_CONTENT


def _bank_with(tmp_path: Path, questions_yaml: str) -> list[str]:
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    (root / "questions" / "broken.yaml").write_text(questions_yaml, encoding="utf-8")
    return [str(p) for p in check_bank(root).problems]


def test_every_problem_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    problems = _bank_with(
        tmp_path,
        """questions:
  - id: Bad Id
    category: coding
    rounds: [phone_screen]
    difficulty: easy
    levels: [mle1]
    topic: arrays
    title: Broken one
    prompt: Too short
    hints: [one hint only here]
    follow_ups: ["what next then?"]
    strong_answer: [point one is here, point two is here, point three here]
  - id: lp-no-principle
    category: leadership
    rounds: [bar_raiser]
    difficulty: medium
    levels: [mle2]
    topic: ownership
    title: No principle given
    prompt: Tell me about a time you owned something nobody else wanted to touch.
    hints: [pick a story you led]
    follow_ups: ["what would you change?"]
    strong_answer: [names the problem, uses I not we, has a measurable result]
""",
    )
    assert any(p.startswith("content/questions/broken.yaml:2: questions[0].id") for p in problems)
    assert any(
        p.startswith("content/questions/broken.yaml:2: questions[0].prompt") for p in problems
    )
    assert any(
        p.startswith("content/questions/broken.yaml:13: questions[1]") and "principles" in p
        for p in problems
    )


def test_a_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    problems = _bank_with(tmp_path, "questions:\n  - id: x\n    title: [unclosed\n")
    assert any(
        p.startswith("content/questions/broken.yaml:") and "not valid YAML" in p for p in problems
    )


def test_a_near_duplicate_prompt_is_flagged(tmp_path: Path) -> None:
    source = (TEST_CONTENT / "questions" / "coding-arrays-hashing.yaml").read_text()
    copy = source.replace("id: two-sum", "id: two-sum-again").replace(
        "title: Two Sum", "title: Again"
    )
    problems = _bank_with(tmp_path, copy)
    assert any("'two-sum-again' is too similar to 'two-sum'" in p for p in problems)


def test_a_coding_question_without_a_solution_is_refused(tmp_path: Path) -> None:
    source = (TEST_CONTENT / "questions" / "coding-arrays-hashing.yaml").read_text()
    cut = source[: source.index("    solution:")].replace("id: two-sum", "id: two-sum-bare")
    problems = _bank_with(tmp_path, cut.replace("You get a list", "Given numbers"))
    assert any("a coding question needs `solution`" in p for p in problems)


def test_the_shipped_bank_has_no_problems() -> None:
    bank = check_bank(DEFAULT_CONTENT_DIR)
    assert [str(p) for p in bank.problems] == []
