"""The core and the services never import a platform library or the scheduler."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[2] / "bot"
PLATFORM_MODULES = ("discord", "slack_bolt", "slack_sdk", "apscheduler", "aiohttp")
NOT_FOR_THE_CORE = (
    "bot.storage",
    "bot.app",
    "bot.bank",
    "bot.features",
    "bot.scheduling",
    "sqlmodel",
    "sqlalchemy",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", ["core", "app", "bank", "features"])
def test_a_layer_imports_no_platform_library(layer: str) -> None:
    offenders = [
        f"{path.relative_to(BOT)} imports {name}"
        for path in sorted((BOT / layer).rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in PLATFORM_MODULES
    ]
    assert offenders == []


def test_the_core_imports_no_storage_or_services() -> None:
    offenders = [
        f"{path.relative_to(BOT)} imports {name}"
        for path in sorted((BOT / "core").rglob("*.py"))
        for name in _imports(path)
        if name.startswith(NOT_FOR_THE_CORE)
    ]
    assert offenders == []


def test_adapters_never_open_the_database() -> None:
    offenders = [
        f"{path.relative_to(BOT)} imports {name}"
        for path in sorted((BOT / "adapters").rglob("*.py"))
        for name in _imports(path)
        if name.startswith(("bot.storage", "sqlmodel", "sqlalchemy"))
    ]
    assert offenders == []


def test_only_the_settings_read_the_environment() -> None:
    readers = [
        str(path.relative_to(BOT))
        for path in sorted(BOT.rglob("*.py"))
        if "os.environ" in path.read_text(encoding="utf-8")
        or "getenv" in path.read_text(encoding="utf-8")
    ]
    assert readers == []
