"""Print the shape of the code: modules and lines per package, and the longest functions.

Run: python -m benchmarks.code_shape [--root bot] [--top 10]

Not a speed figure: a reader's figure, for restructures (how many modules a package holds, how
big they are, which functions are too long to read at a glance).
"""

from __future__ import annotations

import argparse
import ast
from collections import defaultdict
from pathlib import Path


def packages(root: Path) -> dict[str, list[int]]:
    """Lines of each module, by the package (folder) that holds it."""
    sizes: dict[str, list[int]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if path.name == "__init__.py" and lines == 0:
            continue
        sizes[str(path.parent.relative_to(root.parent))].append(lines)
    return dict(sizes)


def longest_functions(root: Path, top: int) -> list[tuple[int, str]]:
    """The `top` longest functions (and methods), by lines from `def` to their last line."""
    found: list[tuple[int, str]] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                found.append((length, f"{path.relative_to(root.parent)}:{node.lineno} {node.name}"))
    return sorted(found, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default="bot")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    root = Path(args.root).resolve()
    sizes = packages(root)
    print(f"{'package':<28} {'modules':>7} {'lines':>6} {'largest':>7}")
    for name, lines in sorted(sizes.items()):
        print(f"{name:<28} {len(lines):>7} {sum(lines):>6} {max(lines):>7}")
    total = [n for lines in sizes.values() for n in lines]
    print(f"{'all':<28} {len(total):>7} {sum(total):>6} {max(total):>7}")
    print("\nlongest functions (lines):")
    for length, where in longest_functions(root, args.top):
        print(f"  {length:>4}  {where}")


if __name__ == "__main__":
    main()
