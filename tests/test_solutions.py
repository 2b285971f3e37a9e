"""Reference solutions run in a subprocess against their cases; a wrong one is reported."""

from __future__ import annotations

from bot.content import DEFAULT_CONTENT_DIR, load_bank
from bot.solutions import run_solution


def test_a_correct_solution_passes_every_case() -> None:
    question = load_bank(DEFAULT_CONTENT_DIR).questions["lru-cache"]
    assert run_solution(question).failures == ()


def test_a_wrong_solution_is_reported_case_by_case() -> None:
    question = load_bank(DEFAULT_CONTENT_DIR).questions["two-sum"]
    assert question.solution is not None
    broken = question.solution.model_copy(
        update={"code": "def two_sum(nums, target):\n    return [0, 1]\n"}
    )
    outcome = run_solution(question.model_copy(update={"solution": broken}))
    wrong = [i for i, case in enumerate(question.solution.tests) if case.expected != [0, 1]]
    assert wrong and len(outcome.failures) == len(wrong)
    first = question.solution.tests[wrong[0]].expected
    assert outcome.failures[0].startswith(f"case {wrong[0]}: expected {first}, got [0, 1]")


def test_a_solution_that_never_ends_is_stopped() -> None:
    question = load_bank(DEFAULT_CONTENT_DIR).questions["two-sum"]
    assert question.solution is not None
    looping = question.solution.model_copy(
        update={"code": "def two_sum(nums, target):\n    while True:\n        pass\n"}
    )
    outcome = run_solution(question.model_copy(update={"solution": looping}), time_limit=1.0)
    assert outcome.failures == ("timed out after 1 s",)
