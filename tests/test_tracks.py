"""Tracks in content/tracks.yaml: the shipped ones load, a bad one is reported as file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.content import DEFAULT_CONTENT_DIR, check_bank
from tests.conftest import TEST_CONTENT

BAD = """tracks:
  - id: mixed
    name: Mixed
    description: A bit of everything, every day.
    default: true
  - id: lp
    name: LP only
    description: Leadership only, please.
    filter: {categories: [leadership]}
    rotation:
      mon: {category: coding}
  - id: astro
    name: Astrology
    description: Questions about the stars.
    filter: {categories: [astrology]}
  - id: lp
    name: LP again
    description: The same id a second time.
    default: true
"""


def test_the_shipped_tracks_load_without_problems() -> None:
    bank = check_bank(DEFAULT_CONTENT_DIR)
    assert [str(p) for p in bank.problems if "tracks" in p.path] == []
    assert {"mle-mixed", "coding", "ml", "lp"} <= set(bank.tracks)
    assert [t.id for t in bank.tracks.values() if t.default] == ["mle-mixed"]


def test_every_problem_of_a_bad_tracks_file_is_reported_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, folder)
    (folder / "tracks.yaml").write_text(BAD, encoding="utf-8")
    problems = [str(p) for p in check_bank(folder).problems if "tracks" in p.path]
    assert "content/tracks.yaml:6: track 'lp' mon: coding is outside the track's filter" in problems
    assert any(
        p.startswith("content/tracks.yaml:15: tracks[2].filter.categories.0:") for p in problems
    )
    assert "content/tracks.yaml:16: duplicate track id 'lp'" in problems


def test_a_track_no_question_fits_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, folder)
    track = "tracks:\n  - id: hard-lp\n    name: Hard LP\n    description: Only the hard ones.\n"
    track += "    default: true\n    filter: {categories: [leadership], difficulties: [hard]}\n"
    (folder / "tracks.yaml").write_text(track, encoding="utf-8")
    problems = [str(p) for p in check_bank(folder).problems if "tracks" in p.path]
    assert problems == ["content/tracks.yaml:2: track 'hard-lp' fits no question of the bank"]
