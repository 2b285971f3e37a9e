"""The layers keep to themselves: what the core, the app, the features and the adapters import.

- The core imports no storage, app, feature or scheduler code, and no database library.
- Nothing below the adapters imports a platform library or the scheduler library.
- The claim engine knows no feature; the app knows the features only through their list.
- A feature builds queries only in its store (and declares tables only in its tables); no
  other module of it imports sqlalchemy or sqlmodel or touches a session.
- A feature uses another feature only through that feature's public `api` module; only its
  store may name another feature's tables (a query may join them; nothing else may).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"
FEATURES = sorted(p.name for p in (BOT / "features").iterdir() if (p / "feature.py").exists())
PLATFORM_MODULES = ("discord", "slack_bolt", "slack_sdk", "apscheduler", "aiohttp")
DATABASE_MODULES = ("sqlmodel", "sqlalchemy")
NOT_FOR_THE_CORE = (
    "bot.storage",
    "bot.app",
    "bot.bank",
    "bot.features",
    "bot.scheduling",
    *DATABASE_MODULES,
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


def _offenders(paths: list[Path], bad: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(BOT)} imports {name}"
        for path in paths
        for name in sorted(_imports(path))
        if name == bad or name.startswith(bad)
    ]


def _modules(*folders: str) -> list[Path]:
    return [path for folder in folders for path in sorted((BOT / folder).rglob("*.py"))]


def test_the_tree_is_where_these_tests_look() -> None:
    assert (BOT / "core").is_dir() and "mock" in FEATURES and len(FEATURES) >= 7


@pytest.mark.parametrize("layer", ["core", "app", "bank", "features"])
def test_a_layer_imports_no_platform_library(layer: str) -> None:
    assert _offenders(_modules(layer), PLATFORM_MODULES) == []


def test_the_claim_engine_imports_no_platform_library_and_no_feature() -> None:
    engine = [BOT / "scheduling" / "claims.py", BOT / "scheduling" / "tables.py"]
    assert _offenders(engine, (*PLATFORM_MODULES, "bot.features", "bot.app")) == []


def test_the_app_knows_the_features_only_through_their_list() -> None:
    inside = [
        f"{path.relative_to(BOT)} imports {name}"
        for path in _modules("app")
        for name in _imports(path)
        if name.startswith("bot.features.")
    ]
    assert inside == []


def test_the_core_imports_no_storage_or_services() -> None:
    assert _offenders(_modules("core"), NOT_FOR_THE_CORE) == []


def test_adapters_never_open_the_database() -> None:
    assert _offenders(_modules("adapters"), ("bot.storage", *DATABASE_MODULES)) == []


def _is_store(path: Path, feature: str) -> bool:
    inside = path.relative_to(BOT / "features" / feature).parts
    return inside[0] in ("store.py", "store", "tables.py")


@pytest.mark.parametrize("feature", FEATURES)
def test_only_a_features_store_and_tables_reach_the_database(feature: str) -> None:
    outside = [p for p in _modules(f"features/{feature}") if not _is_store(p, feature)]
    sessions = [
        f"{path.relative_to(BOT)} uses a session"
        for path in outside
        if ".session" in path.read_text(encoding="utf-8")
    ]
    assert _offenders(outside, DATABASE_MODULES) + sessions == []


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_uses_another_only_through_its_api(feature: str) -> None:
    reaching = [
        f"{path.relative_to(BOT)} imports {name}"
        for path in _modules(f"features/{feature}")
        for name in _imports(path)
        if not _allowed(feature, path, name)
    ]
    assert reaching == []


def _allowed(feature: str, path: Path, name: str) -> bool:
    parts = name.split(".")
    if parts[:2] != ["bot", "features"] or len(parts) < 4 or parts[2] == feature:
        return True
    return parts[3] == "api" or (parts[3] == "tables" and _is_store(path, feature))


def test_only_the_settings_read_the_environment() -> None:
    readers = [
        str(path.relative_to(BOT))
        for path in sorted(BOT.rglob("*.py"))
        if "os.environ" in path.read_text(encoding="utf-8")
        or "getenv" in path.read_text(encoding="utf-8")
    ]
    assert readers == []
