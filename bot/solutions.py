"""Run every coding question's reference solution against its cases, each in a locked box.

Content may come from a pull request: its code runs with no environment, limits and no
network (see bot/sandbox.py), never with the checker's secrets.
"""

from __future__ import annotations

import json
import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bot.content import Bank, Problem, Question, source_of
from bot.sandbox import run_boxed

TIME_LIMIT_SECONDS = 10.0

# Runs inside the subprocess: reads {code, entry, kind, compare, tests} on stdin, prints a report.
_HARNESS = r"""
import io, json, math, sys
spec = json.load(sys.stdin)
report, sys.stdout = sys.stdout, io.StringIO()  # what a solution prints is not the report
namespace = {"__name__": "solution"}
exec(compile(spec["code"], "<solution>", "exec"), namespace)
target = namespace[spec["entry"]]

def same(got, want, how):
    if how == "float":
        if isinstance(want, list):
            return isinstance(got, (list, tuple)) and len(got) == len(want) and all(
                same(g, w, how) for g, w in zip(got, want))
        if isinstance(want, (int, float)) and isinstance(got, (int, float)):
            return math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-6)
        return got == want
    if how == "unordered":
        key = lambda v: json.dumps(v, sort_keys=True)
        return sorted(map(key, got)) == sorted(map(key, want))
    return got == want

def normal(value):
    return json.loads(json.dumps(value, default=list))

failures = []
for index, case in enumerate(spec["tests"]):
    try:
        if spec["kind"] == "class":
            obj = target(*(case.get("init") or []))
            got = [getattr(obj, name)(*args) for name, *args in case["calls"]]
        else:
            got = target(*case["args"])
        got = normal(got)
    except Exception as error:
        failures.append(f"case {index}: raised {type(error).__name__}: {error}")
        continue
    if not same(got, case["expected"], spec["compare"]):
        failures.append(f"case {index}: expected {case['expected']!r}, got {got!r}")
report.write(json.dumps(failures))
"""


@dataclass(frozen=True)
class Outcome:
    question_id: str
    failures: tuple[str, ...]


def run_solution(question: Question, time_limit: float = TIME_LIMIT_SECONDS) -> Outcome:
    """Execute one reference solution in a fresh interpreter and list the cases it fails."""
    assert question.solution is not None
    solution = question.solution
    spec = {
        "code": solution.code,
        "entry": solution.entry,
        "kind": solution.kind,
        "compare": solution.compare,
        "tests": [case.model_dump(exclude_none=True) for case in solution.tests],
    }
    done = run_boxed(_HARNESS, json.dumps(spec), time_limit=time_limit)
    if done.timed_out:
        return Outcome(question.id, (f"timed out after {time_limit:.0f} s",))
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [_signal_name(done.returncode)])[-1]
        return Outcome(question.id, (f"crashed: {last}",))
    return Outcome(question.id, tuple(json.loads(done.stdout)))


def _signal_name(returncode: int) -> str:
    """Why a child that left no message ended, e.g. "stopped by SIGXCPU" for the CPU limit."""
    if returncode < 0:
        try:
            return f"stopped by {signal.Signals(-returncode).name}"
        except ValueError:
            pass
    return f"exit code {returncode}, no output"


def check_solutions(bank: Bank, workers: int = 4) -> list[Problem]:
    """Run every solution in the bank; return one problem per failing case."""
    coding = [q for q in bank.questions.values() if q.solution is not None]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(run_solution, coding))
    problems: list[Problem] = []
    for outcome in outcomes:
        rel, line = source_of(outcome.question_id)
        problems.extend(
            Problem(rel, line, f"{outcome.question_id}: solution {failure}")
            for failure in outcome.failures
        )
    return problems
