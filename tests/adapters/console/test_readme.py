"""The README's console example is a real transcript: this test fails when they differ.

To refresh the README after a deliberate change:
PREPLOOP_WRITE_README=1 python -m pytest tests/adapters/console/test_readme.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
README = ROOT / "README.md"
SCRIPT = ROOT / "demo" / "readme.console"
NOW = "2026-11-26T10:00"
BEGIN, END = "<!-- console example: begin -->\n```\n", "```\n<!-- console example: end -->"


def _transcript(folder: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env |= {"DATABASE_URL": "", "DATA_DIR": str(folder)}
    env.pop("CONTENT_DIR", None)  # what a new member sees: the real question bank
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--now", NOW, "--script", str(SCRIPT)],
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        timeout=120,
        check=True,
    )
    return f"$ preploop console --now {NOW}\n{done.stdout}"


def test_the_readme_console_example_is_what_the_console_prints(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    before, _, rest = text.partition(BEGIN)
    shown, _, after = rest.partition(END)
    transcript = _transcript(tmp_path)
    if os.environ.get("PREPLOOP_WRITE_README") and shown != transcript:
        README.write_text(before + BEGIN + transcript + END + after, encoding="utf-8")
        shown = transcript
    assert shown == transcript
