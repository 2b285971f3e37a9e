"""Load and validate the question bank, the Leadership Principles and the sprint templates."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.core.vocabulary import (
    CATEGORIES,
    Category,
    Difficulty,
    Level,
    Round,
    Weekday,
)
from bot.similarity import same_questions

if TYPE_CHECKING:
    from bot.tracks import Track

M = TypeVar("M", bound=BaseModel)
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Case(_Strict):
    """One test case: `args` for a function, `init` + `calls` for a class."""

    args: list[Any] | None = None
    init: list[Any] | None = None
    calls: list[list[Any]] | None = None
    expected: Any

    @model_validator(mode="after")
    def _one_shape(self) -> Case:
        if (self.args is None) == (self.calls is None):
            raise ValueError("a case has either `args` (function) or `init` + `calls` (class)")
        return self


class Solution(_Strict):
    signature: str = Field(min_length=5)
    entry: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    kind: Literal["function", "class"] = "function"
    complexity: str = Field(min_length=3)
    compare: Literal["exact", "unordered", "float"] = "exact"
    code: str = Field(min_length=10)
    tests: list[Case] = Field(min_length=5)

    @model_validator(mode="after")
    def _cases_fit_kind(self) -> Solution:
        want_class = self.kind == "class"
        for index, case in enumerate(self.tests):
            if (case.calls is not None) != want_class:
                raise ValueError(f"tests[{index}] does not fit a {self.kind} solution")
        if self.entry not in self.signature:
            raise ValueError("the signature must name the entry point")
        return self


class DesignOutline(_Strict):
    business_metric: str = Field(min_length=10)
    data: str = Field(min_length=10)
    features: str = Field(min_length=10)
    model: str = Field(min_length=10)
    serving: str = Field(min_length=10)
    monitoring: str = Field(min_length=10)


class LevelAnchors(_Strict):
    """What an answer at each level shows, so two interviewers place the same answer alike."""

    mle1: str = Field(min_length=20, max_length=400)
    mle2: str = Field(min_length=20, max_length=400)
    senior: str = Field(min_length=20, max_length=400)
    principal: str = Field(min_length=20, max_length=400)


class Question(_Strict):
    id: str = Field(pattern=ID_PATTERN, max_length=80)
    category: Category
    rounds: list[Round] = Field(min_length=1)
    difficulty: Difficulty
    levels: list[Level] = Field(min_length=1)
    topic: str = Field(min_length=2, max_length=60)
    title: str = Field(min_length=3, max_length=120)
    prompt: str = Field(min_length=20, max_length=1800)
    hints: list[str] = Field(min_length=1)
    follow_ups: list[str] = Field(min_length=1)
    strong_answer: list[str] = Field(min_length=3)
    solution: Solution | None = None
    design: DesignOutline | None = None
    principles: list[str] = Field(default_factory=list)
    listen_for: list[str] = Field(default_factory=list)
    red_flags: list[str] = Field(default_factory=list)
    level_anchors: LevelAnchors | None = None

    @model_validator(mode="after")
    def _category_rules(self) -> Question:
        needs = {
            "solution": self.category == "coding",
            "design": self.category == "ml_system_design",
        }
        for name, required in needs.items():
            present = getattr(self, name) is not None
            if required and not present:
                raise ValueError(f"a {self.category} question needs `{name}`")
            if present and not required:
                raise ValueError(f"`{name}` belongs only to that category's questions")
        if self.category in ("coding", "ml_system_design") and len(self.hints) < 2:
            raise ValueError(f"a {self.category} question needs at least 2 hints")
        if self.category == "leadership":
            if not self.principles or len(self.listen_for) < 2 or len(self.red_flags) < 2:
                raise ValueError(
                    "a leadership question needs `principles`, 2+ `listen_for` and 2+ `red_flags`"
                )
        elif self.principles or self.listen_for or self.red_flags:
            raise ValueError("`principles`, `listen_for` and `red_flags` are for leadership only")
        blank = [
            name for name in ("hints", "follow_ups", "strong_answer") if _has_blank(self, name)
        ]
        if blank:
            raise ValueError(f"empty or very short entries in: {', '.join(blank)}")
        return self


def _has_blank(question: Question, name: str) -> bool:
    return any(len(item.strip()) < 8 for item in getattr(question, name))


class Principle(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=3)
    description: str = Field(min_length=80)
    probes: list[str] = Field(min_length=3)
    follow_ups: list[str] = Field(min_length=3)
    cues: list[str] = Field(min_length=5)


class DayPlan(_Strict):
    focus: Category
    difficulty: Difficulty | None = None
    round: Round | None = None
    mock_round: Round | None = None
    story_prompt: str | None = None
    topic: str | None = Field(default=None, pattern=ID_PATTERN, max_length=60)
    level: Level | None = None


@dataclass(frozen=True)
class DayFilter:
    """Which questions a sprint day may post: its focus (category) and optional narrowing keys."""

    category: str | None = None
    difficulty: str | None = None
    round: str | None = None
    topic: str | None = None
    level: str | None = None

    def admits(
        self,
        category: str,
        difficulty: str,
        rounds: Sequence[str],
        topic: str,
        levels: Sequence[str],
    ) -> bool:
        """Whether a question with these keys matches every key the filter sets."""
        return (
            self.category in (None, category)
            and self.difficulty in (None, difficulty)
            and (self.round is None or self.round in rounds)
            and self.topic in (None, topic)
            and (self.level is None or self.level in levels)
        )

    def admits_question(self, question: Question) -> bool:
        return self.admits(
            question.category, question.difficulty, question.rounds, question.topic, question.levels
        )

    def widening(self) -> list[DayFilter]:
        """The filter, then wider ones when it leaves nothing new: drop topic, level, round,
        then difficulty. The category is never dropped."""
        steps = [
            self,
            replace(self, topic=None),
            replace(self, topic=None, level=None),
            replace(self, topic=None, level=None, round=None),
            DayFilter(self.category),
        ]
        return list(dict.fromkeys(steps))

    @classmethod
    def of(cls, plan: Any) -> DayFilter:
        """The filter of a day plan (a template DayPlan or a stored DayFocus); None: no filter."""
        if plan is None:
            return cls()
        return cls(
            plan.focus,
            plan.difficulty,
            plan.round,
            getattr(plan, "topic", None),
            getattr(plan, "level", None),
        )


ANY_DAY = DayFilter()  # no plan: any live question


class WeekPlan(_Strict):
    theme: str = Field(min_length=5)
    days: dict[Weekday, DayPlan] = Field(min_length=1)


class SprintTemplate(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=3)
    description: str = Field(min_length=10)
    weeks: list[WeekPlan] = Field(min_length=1, max_length=12)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content, with where it is."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Bank:
    questions: dict[str, Question] = field(default_factory=dict)
    principles: dict[str, Principle] = field(default_factory=dict)
    templates: dict[str, SprintTemplate] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    tracks: dict[str, Track] = field(default_factory=dict)


class ContentError(Exception):
    """Raised when the content has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line each mapping starts on."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = dict(loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _line_of(value: Any, loc: tuple[int | str, ...], default: int) -> int:
    """Find the deepest mapping line along a validation error's location."""
    line = default
    for key in loc:
        if isinstance(value, dict) and "__line__" in value:
            line = value["__line__"]
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(value, dict) and "__line__" in value:
        line = value["__line__"]
    return line


def _read_yaml(path: Path, rel: str, problems: list[Problem]) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problems.append(Problem(rel, line, f"not valid YAML: {getattr(error, 'problem', error)}"))
    except UnicodeDecodeError:
        problems.append(Problem(rel, 1, "not UTF-8 text"))
    return None


def _validate(model: type[M], raw: Any, rel: str, where: str, problems: list[Problem]) -> M | None:
    line = raw.get("__line__", 1) if isinstance(raw, dict) else 1
    try:
        return model.model_validate(_strip_lines(raw))
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(item["loc"])
            path = ".".join(str(p) for p in loc)
            message = item["msg"].removeprefix("Value error, ")
            label = f"{where}.{path}" if path else where
            problems.append(Problem(rel, _line_of(raw, loc, line), f"{label}: {message}"))
    return None


def _items(data: Any, key: str, rel: str, problems: list[Problem]) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.append(Problem(rel, 1, f"expected a top-level `{key}:` list"))
        return []
    return list(data[key])


def _yaml_files(folder: Path) -> Iterator[Path]:
    yield from sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml"))


def load_bank(root: Path = DEFAULT_CONTENT_DIR) -> Bank:
    """Read every content file under root and collect every problem instead of stopping."""
    bank = Bank()
    _load_principles(root, bank)
    for path in _yaml_files(root / "questions"):
        rel = str(path.relative_to(root.parent))
        data = _read_yaml(path, rel, bank.problems)
        for index, raw in enumerate(_items(data, "questions", rel, bank.problems)):
            question = _validate(Question, raw, rel, f"questions[{index}]", bank.problems)
            line = raw.get("__line__", 1) if isinstance(raw, dict) else 1
            if question is not None:
                _add_question(bank, question, rel, line)
    for path in _yaml_files(root / "sprints"):
        rel = str(path.relative_to(root.parent))
        data = _read_yaml(path, rel, bank.problems)
        template = _validate(SprintTemplate, data, rel, "template", bank.problems)
        if template is not None:
            _add_template(bank, template, rel, data)
    _load_tracks(root, bank)
    return bank


def _load_tracks(root: Path, bank: Bank) -> None:
    from bot.tracks import load_tracks  # tracks build on this module

    load_tracks(root, bank)


def _load_principles(root: Path, bank: Bank) -> None:
    path = root / "principles.yaml"
    rel = str(path.relative_to(root.parent))
    if not path.exists():
        bank.problems.append(Problem(rel, 1, "missing: the Leadership Principles file"))
        return
    data = _read_yaml(path, rel, bank.problems)
    for index, raw in enumerate(_items(data, "principles", rel, bank.problems)):
        principle = _validate(Principle, raw, rel, f"principles[{index}]", bank.problems)
        if principle is None:
            continue
        if principle.id in bank.principles:
            bank.problems.append(Problem(rel, raw["__line__"], f"duplicate id {principle.id!r}"))
        bank.principles[principle.id] = principle


def _add_question(bank: Bank, question: Question, rel: str, line: int) -> None:
    if question.id in bank.questions:
        bank.problems.append(Problem(rel, line, f"duplicate question id {question.id!r}"))
        return
    for principle in question.principles:
        if principle not in bank.principles:
            bank.problems.append(Problem(rel, line, f"unknown principle {principle!r}"))
    bank.questions[question.id] = question
    _SOURCES[question.id] = (rel, line)


def _add_template(bank: Bank, template: SprintTemplate, rel: str, raw: Any) -> None:
    if template.id in bank.templates:
        bank.problems.append(Problem(rel, 1, f"duplicate template id {template.id!r}"))
        return
    _TEMPLATE_SOURCES[template.id] = rel
    raw_weeks = raw.get("weeks", []) if isinstance(raw, dict) else []
    for week_no, week in enumerate(template.weeks, start=1):
        raw_days = _raw_days(raw_weeks, week_no - 1)
        for day, plan in week.days.items():
            line = _line_of(raw_days, (day,), 1)
            _DAY_SOURCES[(template.id, week_no, day)] = (rel, line)
            if plan.story_prompt and plan.story_prompt not in bank.principles:
                where = f"week {week_no} {day}"
                bank.problems.append(
                    Problem(rel, line, f"{where}: unknown principle {plan.story_prompt!r}")
                )
    bank.templates[template.id] = template


def _raw_days(raw_weeks: Any, index: int) -> Any:
    try:
        return raw_weeks[index]["days"]
    except (KeyError, IndexError, TypeError):
        return {}


_TEMPLATE_SOURCES: dict[str, str] = {}
_DAY_SOURCES: dict[tuple[str, int, str], tuple[str, int]] = {}


def day_source(template_id: str, week_no: int, day: str) -> tuple[str, int]:
    """Return the file and line of a loaded template's day plan (weeks count from 1)."""
    fallback = _TEMPLATE_SOURCES.get(template_id, f"content/sprints/{template_id}.yaml")
    return _DAY_SOURCES.get((template_id, week_no, day), (fallback, 1))


_SOURCES: dict[str, tuple[str, int]] = {}


def source_of(question_id: str) -> tuple[str, int]:
    """Return the file and line a loaded question came from."""
    return _SOURCES.get(question_id, ("?", 1))


_WORD = re.compile(r"[a-z0-9]+")


def _shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def near_duplicates(bank: Bank, threshold: float = 0.5) -> list[Problem]:
    """Flag pairs of prompts whose word trigrams overlap more than the threshold (Jaccard)."""
    items = [(qid, _shingles(q.prompt)) for qid, q in sorted(bank.questions.items())]
    found = []
    for i, (left_id, left) in enumerate(items):
        for right_id, right in items[i + 1 :]:
            overlap = len(left & right) / max(1, len(left | right))
            if overlap > threshold:
                rel, line = source_of(right_id)
                message = f"{right_id!r} is too similar to {left_id!r} ({overlap:.0%} shared)"
                found.append(Problem(rel, line, message))
    return found


HINTS = 3  # a nudge, an approach, a key insight


def ungraded_hints(bank: Bank) -> list[Problem]:
    """Flag questions without exactly three graduated hints (nudge, approach, key insight)."""
    found = []
    for qid, question in sorted(bank.questions.items()):
        if len(question.hints) != HINTS:
            rel, line = source_of(qid)
            message = (
                f"{qid!r} has {len(question.hints)} hints; give exactly {HINTS}: "
                "a nudge, an approach, a key insight"
            )
            found.append(Problem(rel, line, message))
    return found


ANCHORED = ("leadership", "ml_system_design")  # rounds where two interviewers drift apart most


def missing_anchors(bank: Bank) -> list[Problem]:
    """Flag leadership and ML system design questions without level anchors."""
    found = []
    for qid, question in sorted(bank.questions.items()):
        if question.category in ANCHORED and question.level_anchors is None:
            rel, line = source_of(qid)
            message = (
                f"{qid!r} needs `level_anchors`: what an answer at mle1, mle2, senior and "
                "principal shows"
            )
            found.append(Problem(rel, line, message))
    return found


def check_bank(root: Path = DEFAULT_CONTENT_DIR) -> Bank:
    """Load the bank and add cross-question checks (near-duplicates, template balance)."""
    bank = load_bank(root)
    bank.problems.extend(near_duplicates(bank))
    for pair in same_questions(bank.questions.values()):
        bank.problems.append(Problem(*source_of(pair.right), pair.message()))
    bank.problems.extend(ungraded_hints(bank))
    bank.problems.extend(missing_anchors(bank))
    for template_id, template in bank.templates.items():
        bank.problems.extend(_template_balance(template_id, template))
        bank.problems.extend(_template_pools(bank, template_id, template))
    bank.problems.extend(_track_pools(bank))
    return bank


def _track_pools(bank: Bank) -> list[Problem]:
    from bot.tracks import empty_tracks  # tracks build on this module

    return empty_tracks(bank)


LP_SHARE_MIN = 0.30
CODING_SHARE_MIN = 0.40
POOL_MIN = 5


def template_shares(template: SprintTemplate) -> dict[str, float]:
    """Each focus's share of a template's planned days (a story prompt does not make a day LP)."""
    days: list[str] = [plan.focus for week in template.weeks for plan in week.days.values()]
    return {category: days.count(category) / len(days) for category in CATEGORIES}


def _template_balance(template_id: str, template: SprintTemplate) -> list[Problem]:
    shares = template_shares(template)
    rel = _TEMPLATE_SOURCES.get(template_id, f"content/sprints/{template_id}.yaml")
    problems = []
    for category, least, label in (
        ("coding", CODING_SHARE_MIN, "coding"),
        ("leadership", LP_SHARE_MIN, "leadership (LP) focus"),
    ):
        if shares[category] < least:
            message = (
                f"{label} days are {shares[category]:.0%} of the plan; want {least:.0%}+ "
                "(counted by the day's focus)"
            )
            problems.append(Problem(rel, 1, message))
    return problems


def day_pool(bank: Bank, plan: DayPlan) -> list[str]:
    """The ids of the questions a template day's filter admits, before any fallback."""
    wanted = DayFilter.of(plan)
    return sorted(qid for qid, q in bank.questions.items() if wanted.admits_question(q))


def _template_pools(bank: Bank, template_id: str, template: SprintTemplate) -> list[Problem]:
    problems = []
    for week_no, week in enumerate(template.weeks, start=1):
        for day, plan in week.days.items():
            found = len(day_pool(bank, plan))
            if found < POOL_MIN:
                rel, line = day_source(template_id, week_no, day)
                keys = ", ".join(f"{k}: {v}" for k, v in vars(DayFilter.of(plan)).items() if v)
                message = (
                    f"week {week_no} {day}: only {found} question(s) match {{{keys}}}; "
                    f"want {POOL_MIN}+ so the daily picker has a choice"
                )
                problems.append(Problem(rel, line, message))
    return problems
