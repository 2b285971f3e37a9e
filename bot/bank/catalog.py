"""The loaded content (sprint templates, principles) for services that need more than questions."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bot.content import DEFAULT_CONTENT_DIR, Bank, load_bank

_folder: list[Path] = [DEFAULT_CONTENT_DIR]


def configure(content_dir: Path) -> None:
    """Point the catalog at a content folder (the bootstrap does this from the settings)."""
    _folder[0] = Path(content_dir)


def bank() -> Bank:
    """Return the bank of the configured folder, loaded once."""
    return _load(_folder[0])


@lru_cache(maxsize=4)
def _load(folder: Path) -> Bank:
    return load_bank(folder)
