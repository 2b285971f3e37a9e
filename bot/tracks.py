"""Tracks of the question of the day: a filter over the bank and a weekday rotation, in content.

`content/tracks.yaml` holds a top-level `tracks:` list. A track keeps the questions whose
category, round, level and difficulty its `filter` allows (an empty list allows any), and its
`rotation` narrows each weekday further (Monday coding, Tuesday ML depth…). Exactly one track
is the `default` a new schedule follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from bot.content import (
    ID_PATTERN,
    DayFilter,
    Problem,
    _items,
    _read_yaml,
    _Strict,
    _validate,
)
from bot.core.vocabulary import Category, Difficulty, Level, Round, Weekday

if TYPE_CHECKING:
    from bot.content import Bank

TRACKS_FILE = "tracks.yaml"


class TrackFilter(_Strict):
    """Which questions a track may ever ask; an empty list allows every value."""

    categories: list[Category] = Field(default_factory=list)
    rounds: list[Round] = Field(default_factory=list)
    levels: list[Level] = Field(default_factory=list)
    difficulties: list[Difficulty] = Field(default_factory=list)

    def admits(
        self, category: str, difficulty: str, rounds: Sequence[str], levels: Sequence[str]
    ) -> bool:
        """Whether a question with these keys is in the track."""
        return (
            (not self.categories or category in self.categories)
            and (not self.difficulties or difficulty in self.difficulties)
            and (not self.rounds or any(r in self.rounds for r in rounds))
            and (not self.levels or any(level in self.levels for level in levels))
        )


class TrackDay(_Strict):
    """One weekday's narrowing of a track."""

    category: Category | None = None
    round: Round | None = None
    level: Level | None = None
    difficulty: Difficulty | None = None

    def day_filter(self) -> DayFilter:
        return DayFilter(self.category, self.difficulty, self.round, None, self.level)


class Track(_Strict):
    """A named set of questions with a weekday rotation, chosen per channel."""

    id: str = Field(pattern=ID_PATTERN, max_length=40)
    name: str = Field(min_length=3, max_length=60)
    description: str = Field(min_length=10, max_length=200)
    default: bool = False
    filter: TrackFilter = Field(default_factory=TrackFilter)
    rotation: dict[Weekday, TrackDay] = Field(default_factory=dict)

    def on(self, weekday: str) -> DayFilter:
        """The rotation's filter for a weekday (`mon`…), or no narrowing."""
        day = self.rotation.get(weekday)  # type: ignore[call-overload]
        return day.day_filter() if day is not None else DayFilter()


def load_tracks(root: Path, bank: Bank) -> None:
    """Read content/tracks.yaml into the bank, each problem with its file and line."""
    path = root / TRACKS_FILE
    rel = str(path.relative_to(root.parent))
    if not path.exists():  # a folder without tracks: every channel asks the whole bank
        return
    data = _read_yaml(path, rel, bank.problems)
    for index, raw in enumerate(_items(data, "tracks", rel, bank.problems)):
        track = _validate(Track, raw, rel, f"tracks[{index}]", bank.problems)
        line = raw.get("__line__", 1) if isinstance(raw, dict) else 1
        if track is not None:
            _add_track(bank, track, rel, line)
    defaults = [t.id for t in bank.tracks.values() if t.default]
    if bank.tracks and len(defaults) != 1:
        bank.problems.append(
            Problem(rel, 1, f"exactly one track needs `default: true` (found {len(defaults)})")
        )


def _add_track(bank: Bank, track: Track, rel: str, line: int) -> None:
    if track.id in bank.tracks:
        bank.problems.append(Problem(rel, line, f"duplicate track id {track.id!r}"))
        return
    for weekday, day in track.rotation.items():
        if day.category and track.filter.categories and day.category not in track.filter.categories:
            message = f"track {track.id!r} {weekday}: {day.category} is outside the track's filter"
            bank.problems.append(Problem(rel, line, message))
    bank.tracks[track.id] = track
    _TRACK_SOURCES[track.id] = (rel, line)


_TRACK_SOURCES: dict[str, tuple[str, int]] = {}


def empty_tracks(bank: Bank) -> list[Problem]:
    """Flag tracks (and rotation days) that no question of the bank fits."""
    found = []
    questions = list(bank.questions.values())
    for track_id, track in sorted(bank.tracks.items()):
        rel, line = _TRACK_SOURCES.get(track_id, (f"content/{TRACKS_FILE}", 1))
        fits = [
            q
            for q in questions
            if track.filter.admits(q.category, q.difficulty, q.rounds, q.levels)
        ]
        if not fits:
            found.append(Problem(rel, line, f"track {track_id!r} fits no question of the bank"))
            continue
        for weekday, day in track.rotation.items():
            if not any(day.day_filter().admits_question(q) for q in fits):
                message = f"track {track_id!r} {weekday}: no question of the track fits this day"
                found.append(Problem(rel, line, message))
    return found


WHOLE_BANK = Track(
    id="all", name="Whole bank", description="Every question of the bank.", default=True
)


def tracks_of(bank: Bank) -> dict[str, Track]:
    """The content's tracks; a folder without any has one: the whole bank."""
    return bank.tracks or {WHOLE_BANK.id: WHOLE_BANK}


def default_track(tracks: dict[str, Track]) -> Track:
    """The track a new schedule follows."""
    return next((t for t in tracks.values() if t.default), next(iter(tracks.values())))
