"""Reference solutions run in a locked box against their cases; a wrong one is reported."""

from __future__ import annotations

import functools
import socket

import pytest

from bot.content import DEFAULT_CONTENT_DIR, Bank, load_bank
from bot.solutions import run_solution


@functools.cache
def bank() -> Bank:
    """The bundled bank, loaded once per test process (it takes seconds)."""
    return load_bank(DEFAULT_CONTENT_DIR)


def test_a_correct_solution_passes_every_case() -> None:
    question = bank().questions["lru-cache"]
    assert run_solution(question).failures == ()


def test_a_wrong_solution_is_reported_case_by_case() -> None:
    question = bank().questions["two-sum"]
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
    question = bank().questions["two-sum"]
    assert question.solution is not None
    looping = question.solution.model_copy(
        update={"code": "def two_sum(nums, target):\n    while True:\n        pass\n"}
    )
    outcome = run_solution(question.model_copy(update={"solution": looping}), time_limit=1.0)
    assert outcome.failures == ("timed out after 1 s",)


def two_sum_running(code: str, time_limit: float = 10.0) -> tuple[str, ...]:
    """Run `code` as the two-sum solution (entry `two_sum(nums, target)`); return its failures."""
    question = bank().questions["two-sum"]
    assert question.solution is not None
    changed = question.solution.model_copy(update={"code": code})
    return run_solution(question.model_copy(update={"solution": changed}), time_limit).failures


def test_a_solution_sees_none_of_the_checkers_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREPLOOP_FAKE_SECRET", "s3cret-value")
    failures = two_sum_running(
        "import os\ndef two_sum(nums, target):\n    return os.environ.get('PREPLOOP_FAKE_SECRET')\n"
    )
    assert failures and all(failure.endswith("got None") for failure in failures)


@pytest.mark.parametrize(
    ("body", "refusal"),
    [
        pytest.param("os.fork()", "PermissionError: os.fork is not allowed", id="fork"),
        pytest.param("os.system('true')", "PermissionError: os.system is not allowed", id="shell"),
        pytest.param(
            "import subprocess", "importing _posixsubprocess is not allowed", id="subprocess"
        ),
        pytest.param("bytearray(2 * 1024 ** 3)", "raised MemoryError", id="2 GiB"),
        pytest.param("open('notes.txt', 'w')", "writing files is not allowed", id="write a file"),
    ],
)
def test_a_solution_that_reaches_outside_its_box_is_refused(body: str, refusal: str) -> None:
    code = f"import os\ndef two_sum(nums, target):\n    {body}\n    return [0, 1]\n"
    failures = two_sum_running(code)
    assert failures and all(refusal in failure for failure in failures)


def test_a_solution_cannot_reach_the_network() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        code = (
            "import socket\ndef two_sum(nums, target):\n"
            f"    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
            "    return [0, 1]\n"
        )
        failures = two_sum_running(code)
    assert failures and all("PermissionError: socket" in failure for failure in failures)


def test_a_solution_that_prints_is_still_judged_by_what_it_returns() -> None:
    question = bank().questions["two-sum"]
    assert question.solution is not None
    chatty = "print('working on it')\n" + question.solution.code
    assert two_sum_running(chatty) == ()
