"""The 16 Leadership Principles as the story feature reads them from the content."""

from __future__ import annotations

from pathlib import Path

from bot.content import DEFAULT_CONTENT_DIR, load_bank
from bot.core.story import PRINCIPLE_IDS
from bot.features.story.principles import principles, read_principles


def test_the_shipped_principles_are_the_16_the_story_feature_knows() -> None:
    bank = load_bank(DEFAULT_CONTENT_DIR)
    assert tuple(bank.principles) == PRINCIPLE_IDS
    loaded = principles()
    assert tuple(loaded) == PRINCIPLE_IDS
    assert all(p.cues and p.probes for p in loaded.values())
    assert all(cue == cue.lower() for p in loaded.values() for cue in p.cues)
    assert loaded["earn-trust"].name == "Earn Trust"


def test_a_missing_principles_file_still_gives_16_names_without_cues(tmp_path: Path) -> None:
    loaded = read_principles(tmp_path / "nothing.yaml")
    assert tuple(loaded) == PRINCIPLE_IDS
    assert loaded["dive-deep"].name == "Dive Deep"
    assert loaded["dive-deep"].cues == ()
