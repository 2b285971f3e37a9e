"""A stored sprint as the pure calendar of bot.core.calendar, and a template as a stored plan."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, time
from typing import Any

from bot.content import SprintTemplate
from bot.core.calendar import Calendar, DayFocus, Pause, Week, cycle_weeks
from bot.features.sprints.tables import Sprint


def plan_from(template: SprintTemplate, weeks: int) -> list[dict[str, Any]]:
    """Turn a template into the stored weekly plan, cut or extended to the sprint's length."""
    shaped = tuple(
        Week(w.theme, {d: DayFocus(**p.model_dump()) for d, p in w.days.items()})
        for w in template.weeks
    )
    return [
        {"theme": w.theme, "days": {d: vars(f) for d, f in w.days.items()}}
        for w in cycle_weeks(shaped, weeks)
    ]


def calendar_of(sprint: Sprint) -> Calendar:
    """Build the pure calendar of a stored sprint."""
    weeks = tuple(Week(w["theme"], StoredDays(w["days"])) for w in sprint.plan)
    pauses = [Pause(date.fromisoformat(first), days) for first, days in sprint.pauses]
    if sprint.paused_since is not None:
        pauses.append(Pause(sprint.paused_since))
    at = time.fromisoformat(sprint.post_time)
    return Calendar(sprint.start_date, weeks, at, sprint.timezone, tuple(pauses))


class StoredDays(Mapping[str, DayFocus]):
    """A stored week's day plans, each made a DayFocus only when it is asked for.

    The scheduler looks at one or two days of every active sprint each minute; making every
    day of every week cost about 0.1 s a tick with 1,000 sprints.
    """

    __slots__ = ("_stored",)

    def __init__(self, stored: dict[str, dict[str, Any]]) -> None:
        self._stored = stored

    def __getitem__(self, day: str) -> DayFocus:
        return DayFocus(**self._stored[day])

    def __iter__(self) -> Iterator[str]:
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)
