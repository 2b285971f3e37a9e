#!/usr/bin/env bash
# Check pyproject.toml's floors: install the OLDEST release each range allows (uv's
# lowest-direct resolution) into a throwaway venv and run the given tests with it, e.g.
#   scripts/check_floors.sh tests/test_config.py tests/features/story tests/storage
# Run scripts/lock.sh once first: it installs uv into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$#" -gt 0 ] || { echo "usage: scripts/check_floors.sh TEST_PATH..." >&2; exit 2; }
uv=".venv/bin/uv"
[ -x "$uv" ] || { echo "No $uv: run scripts/lock.sh first." >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$uv" pip compile pyproject.toml --quiet --extra test --resolution lowest-direct \
    --python-version 3.11 --python-platform x86_64-manylinux_2_28 --output-file "$work/lowest.txt"
python3 -m venv "$work/venv"
"$uv" pip install --quiet --python "$work/venv/bin/python" -r "$work/lowest.txt"
"$uv" pip install --quiet --python "$work/venv/bin/python" --no-deps -e .
grep -E '^[a-z0-9._-]+==' "$work/lowest.txt" | tr '\n' ' '
echo
"$work/venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
