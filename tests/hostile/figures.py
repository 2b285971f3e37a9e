"""The hostile-input figures of a test session: inputs sent and problems found, per adapter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tests.hostile.checks import Problem

ADAPTERS = ("hub", "console", "slack", "discord")
KINDS = ("exception", "ping", "leak", "write", "unclear", "unanswered", "rejected")
LABELS = {
    "exception": "unhandled exceptions",
    "ping": "mass/role/foreign pings (or live markup)",
    "leak": "cross-community reads",
    "write": "cross-community writes (rows of B changed)",
    "unclear": "unclear refusals",
    "unanswered": "unanswered inputs",
    "rejected": "payloads the platform would reject",
}
GOAL = 10_000


@dataclass
class Figures:
    inputs: Counter[str] = field(default_factory=Counter)
    found: dict[str, Counter[str]] = field(default_factory=dict)
    groups: dict[str, set[str]] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def sent(self, adapter: str, count: int = 1) -> None:
        self.inputs[adapter] += count

    def reached(self, adapter: str, group: str) -> None:
        """Note that a command of this group went through this adapter."""
        self.groups.setdefault(adapter, set()).add(group)

    def record(self, adapter: str, problems: list[Problem]) -> None:
        counts = self.found.setdefault(adapter, Counter())
        for problem in problems:
            counts[problem.kind] += 1
            if len(self.examples) < 20:
                self.examples.append(f"{adapter}: {problem.kind}: {problem.detail}")

    def total(self) -> int:
        return sum(self.inputs.values())

    def count(self, kind: str) -> int:
        return sum(c[kind] for c in self.found.values())

    def lines(self) -> list[str]:
        """The summary printed at the end of the session."""
        sent = ", ".join(f"{a} {self.inputs[a]:,}" for a in ADAPTERS)
        out = [f"hostile inputs sent: {self.total():,} ({sent})"]
        reached = ", ".join(f"{a} {len(self.groups.get(a, ()))}" for a in ADAPTERS)
        out.append(f"command groups reached: {reached}")
        for kind in KINDS:
            per = ", ".join(f"{a} {self.found.get(a, Counter())[kind]}" for a in ADAPTERS)
            out.append(f"{LABELS[kind]}: {self.count(kind)} ({per})")
        out += [f"  e.g. {example}" for example in self.examples[:10]]
        return out


FIGURES = Figures()
