"""A community's questions as a file: YAML like the shipped bank, or CSV for spreadsheets.

Reading reports every problem at once, each with its place: `file:line` in YAML (the line the
question or the bad field starts on), `file:row:column` in CSV.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.bank.community import LIST_FIELDS, CommunityQuestion
from bot.content import Problem, _items, _read_yaml, _validate

COLUMNS = tuple(CommunityQuestion.model_fields)


@dataclass(frozen=True)
class Cell(Problem):
    """A problem in one cell of a CSV file."""

    column: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class Loaded:
    """A file's questions, each with where it starts, and every problem found."""

    questions: list[tuple[CommunityQuestion, Problem]]
    problems: list[Problem]


def read_file(path: Path) -> Loaded:
    """Read a YAML or CSV file of community questions (by its extension)."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    return _read_yaml_file(path)


def _read_yaml_file(path: Path) -> Loaded:
    rel, problems = path.name, list[Problem]()
    data = _read_yaml(path, rel, problems)
    found = []
    for index, raw in enumerate(_items(data, "questions", rel, problems) if data else []):
        question = _validate(CommunityQuestion, raw, rel, f"questions[{index}]", problems)
        line = raw.get("__line__", 1) if isinstance(raw, dict) else 1
        if question is not None:
            found.append((question, Problem(rel, line, "")))
    return Loaded(found, problems)


def _read_csv(path: Path) -> Loaded:
    rel = path.name
    problems: list[Problem] = []
    found: list[tuple[CommunityQuestion, Problem]] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return Loaded([], [Problem(rel, 1, "not UTF-8 text")])
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = list(reader.fieldnames or [])
    unknown = [name for name in header if name not in COLUMNS]
    for name in unknown:
        problems.append(Cell(rel, 1, f"unknown column {name!r}", header.index(name) + 1))
    if unknown or not header:
        problems += [] if header else [Problem(rel, 1, "no header row")]
        return Loaded([], problems)
    for row in reader:
        where = reader.line_num
        raw = {k: _cell(k, v) for k, v in row.items() if k in COLUMNS and v not in (None, "")}
        try:
            question = CommunityQuestion.model_validate(raw)
        except ValidationError as error:
            for item in error.errors():
                name = str(item["loc"][0]) if item["loc"] else ""
                column = header.index(name) + 1 if name in header else 0
                message = item["msg"].removeprefix("Value error, ")
                problems.append(Cell(rel, where, f"{name or 'row'}: {message}", column))
            continue
        found.append((question, Cell(rel, where, "", 1)))
    return Loaded(found, problems)


def _cell(name: str, value: Any) -> Any:
    """A list column holds one entry a line."""
    if name in LIST_FIELDS:
        return [line.strip() for line in str(value).splitlines() if line.strip()]
    return value


def dump_yaml(questions: list[CommunityQuestion]) -> str:
    """The questions as a YAML file `content import` reads back."""
    rows = [q.model_dump(mode="json", exclude_none=True) for q in questions]
    return yaml.safe_dump({"questions": rows}, sort_keys=False, allow_unicode=True, width=100)


def dump_csv(questions: list[CommunityQuestion]) -> str:
    """The questions as a CSV file (list columns one entry a line) `content import` reads back."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for question in questions:
        row = question.model_dump(mode="json")
        writer.writerow(
            {k: "\n".join(v) if isinstance(v, list) else (v or "") for k, v in row.items()}
        )
    return out.getvalue()
