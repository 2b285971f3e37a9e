#!/usr/bin/env bash
# Regenerate the hash-pinned lock files from pyproject.toml, for CPython 3.11 on Linux x86_64
# (CI and the Docker image):
#   requirements.lock      the runtime dependencies (the Docker image installs these)
#   requirements-dev.lock  the same pins plus the test and dev extras (CI installs these)
#
#   scripts/lock.sh                 keep every existing pin, add what pyproject.toml now needs
#   scripts/lock.sh --upgrade       move every pin to the newest release within pyproject's ranges
#   scripts/lock.sh -P aiohttp      move only that package (repeatable)
#
# It uses uv (installed into .venv on first use, at a fixed version, so the output is stable).
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION="0.13.9"
python="${PYTHON:-.venv/bin/python}"
[ -x "$python" ] || { echo "No $python: create the venv first (see README, Set-up)." >&2; exit 1; }
uv="$(dirname "$python")/uv"
if ! "$uv" --version 2>/dev/null | grep -qx "uv $UV_VERSION"; then
    "$python" -m pip install --quiet "uv==$UV_VERSION"
fi

compile() {
    "$uv" pip compile pyproject.toml --quiet --generate-hashes \
        --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
        --custom-compile-command "scripts/lock.sh" "$@"
}
compile --output-file requirements.lock "$@"
compile --extra test --extra dev --constraint requirements.lock \
    --output-file requirements-dev.lock "$@"
echo "Wrote requirements.lock and requirements-dev.lock; commit both."
