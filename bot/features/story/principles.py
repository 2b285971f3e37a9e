"""The 16 Leadership Principles as the story feature needs them, read once from the content."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from bot.content import DEFAULT_CONTENT_DIR, Principle
from bot.core.story import PRINCIPLE_IDS, PrincipleInfo
from bot.core.story_coverage import SHORT_NAMES

log = logging.getLogger(__name__)


def read_principles(path: Path) -> dict[str, PrincipleInfo]:
    """Read principles.yaml; a principle that is missing or invalid keeps its name, no cues."""
    found: dict[str, PrincipleInfo] = {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
        log.warning("story check runs without principle cues: %s", error)
        data = {}
    for raw in data.get("principles", []) if isinstance(data, dict) else []:
        try:
            item = Principle.model_validate(raw)
        except ValidationError:
            continue
        cues = tuple(cue.lower() for cue in item.cues)
        found[item.id] = PrincipleInfo(item.id, item.name, cues, tuple(item.probes))
    return {pid: found.get(pid) or PrincipleInfo(pid, SHORT_NAMES[pid]) for pid in PRINCIPLE_IDS}


@lru_cache(maxsize=1)
def principles() -> dict[str, PrincipleInfo]:
    """Return the 16 principles by id, in map order (loaded on first use)."""
    return read_principles(DEFAULT_CONTENT_DIR / "principles.yaml")


def principle(pid: str) -> PrincipleInfo:
    """Return one principle by id."""
    return principles()[pid]


def names(pids: tuple[str, ...]) -> str:
    """Return the principles' names joined for a card."""
    return ", ".join(principle(pid).name for pid in pids if pid in PRINCIPLE_IDS)
