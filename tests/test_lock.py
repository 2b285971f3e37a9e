"""The lock files pin, with hashes, a version of every dependency pyproject.toml allows.

When one of these fails after a dependency was added or changed in pyproject.toml, run
scripts/lock.sh and commit requirements.lock and requirements-dev.lock.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(line) for line in PROJECT["dependencies"]]
EXTRAS = [
    Requirement(line)
    for extra in ("test", "dev")
    for line in PROJECT["optional-dependencies"][extra]
]
LOCKS = ("requirements.lock", "requirements-dev.lock")


def _pins(name: str) -> dict[str, str]:
    """Return the lock's pins (canonical name to version), checking each has hashes."""
    text = (ROOT / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=\S)", text)
    pins = {}
    for entry in entries:
        if entry.startswith("#") or not entry.strip():
            continue
        found = re.match(r"([A-Za-z0-9_.\-]+)==(\S+) \\\n", entry)
        assert found, f"{name}: not an exact pin with hashes: {entry.splitlines()[0]}"
        assert "--hash=sha256:" in entry, f"{name}: {found[1]} has no hash"
        pins[canonicalize_name(found[1])] = found[2]
    return pins


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_is_made_by_the_documented_command(lock: str) -> None:
    assert "#    scripts/lock.sh\n" in (ROOT / lock).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lock", "requirement"),
    [("requirements.lock", r) for r in RUNTIME]
    + [("requirements-dev.lock", r) for r in RUNTIME + EXTRAS],
    ids=str,
)
def test_the_lock_pins_a_version_pyproject_allows(lock: str, requirement: Requirement) -> None:
    pins = _pins(lock)
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement.name} is not in {lock}: run scripts/lock.sh"
    assert requirement.specifier.contains(pins[name]), (
        f"{lock} pins {name}=={pins[name]}, outside {requirement}: run scripts/lock.sh"
    )


def test_ci_and_the_image_get_the_same_runtime_versions() -> None:
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime
