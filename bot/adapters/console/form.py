"""Fill in a form line by line: current values kept, optional fields skipped, commands caught."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from bot.adapters.console import render
from bot.core.cards import Input, Modal, UserText, rich

HOW = "one line each; Enter keeps the value shown, - skips an optional field, /cancel stops"


class _Again:
    """The line was not an answer: ask the same field again."""


AGAIN = _Again()


class FormFiller:
    """Read a form's fields from the typed lines; None from fill() means it was cancelled."""

    def __init__(self, out: Callable[[str], None], lines: Iterator[str]) -> None:
        self.out = out
        self.lines = lines

    def fill(self, modal: Modal) -> dict[str, str] | None:
        """Ask every field in order; return the answers, or None when cancelled."""
        self.out(f"  ┌ {modal.title} ({HOW})")
        fields: dict[str, str] = {}
        for box in modal.inputs:
            value = self._field(box)
            if value is None:
                self.out("  └ Cancelled; nothing was sent.")
                return None
            fields[box.id] = value
        return fields

    def _field(self, box: Input) -> str | None:
        self.out(f"  │ {box.label}{_limits(box)}:")
        if box.placeholder:
            self.out(f"  │   {box.placeholder}")
        if box.value:
            self.out(render.text(rich("  │   now: ", UserText(box.value))))
        while True:
            line = next(self.lines, None)
            if line is None:
                return None
            answer = self._answer(box, line.rstrip("\n"))
            if not isinstance(answer, _Again):
                return answer

    def _answer(self, box: Input, line: str) -> str | _Again | None:
        if line.startswith("/"):
            return self._command(box, line)
        if not line.strip():
            return self._blank(box)
        if line.strip() == "-" and not box.required:
            self.out("  │ > (left empty)")
            return ""
        problem = _too_short_or_long(box, line)
        if problem:
            self.out(f"  │ {problem} Type it again, or /cancel:")
            return AGAIN
        self.out(render.text(rich("  │ > ", UserText(line))))
        return line

    def _blank(self, box: Input) -> str | _Again:
        if box.value:
            self.out("  │ > (kept)")
            return box.value
        if not box.required:
            self.out("  │ > (left empty)")
            return ""
        self.out("  │ This one is needed. Type it, or /cancel to stop:")
        return AGAIN

    def _command(self, box: Input, line: str) -> _Again | None:
        if line.strip().lower() != "/cancel":
            self.out("  │ A form is still open. Cancel it and drop what you typed? (yes/no)")
            sure = next(self.lines, None)
            if sure is not None and sure.strip().lower() not in ("y", "yes"):
                self.out(f"  │ Carry on. {box.label}:")
                return AGAIN
        return None


def _limits(box: Input) -> str:
    parts = [] if box.required else ["optional"]
    if box.min_length:
        parts.append(f"at least {box.min_length} characters")
    if box.max_length < Input.max_length:
        parts.append(f"at most {box.max_length} characters")
    return f" ({', '.join(parts)})" if parts else ""


def _too_short_or_long(box: Input, line: str) -> str:
    if len(line) > box.max_length:
        return f"That is {len(line)} characters; at most {box.max_length} fit here."
    if len(line) < box.min_length:
        return f"That is {len(line)} characters; at least {box.min_length} are needed."
    return ""
