"""Parse the text after a slash command (Slack, the console) into a command and its options."""

from __future__ import annotations

import shlex
from typing import Any

from bot.core.cards import UserText, rich
from bot.services.registry import Command, Registry, UserError

TEXT_LIMIT = 2000  # far past the longest valid command; shlex takes seconds on megabytes


def parse(registry: Registry, group: str, text: str) -> tuple[Command, dict[str, Any]]:
    """Split `sub key:value words…` into the command and raw option values."""
    specs = registry.groups().get(group)
    if not specs:
        raise UserError(rich("I don't know `/", UserText(group[:40]), "`. Try `/help`."))
    if len(text) > TEXT_LIMIT:
        raise UserError(
            f"That command is {len(text):,} characters long; the limit is {TEXT_LIMIT:,}. "
            f"Usage:\n{group_help(registry, group)}"
        )
    try:
        words = shlex.split(text)
    except ValueError:
        raise UserError('A quote is not closed. Check the `"` marks and send again.') from None
    by_name = {s.name: s for s in specs}
    if words and words[0].lower() in by_name:
        spec = by_name[words.pop(0).lower()]
    else:
        default = next((s for s in specs if s.default), None)
        if default is None:
            head = rich("`", UserText(words[0][:80]), "` is not") if words else rich("That needs")
            tail = f" a `/{group}` subcommand.\n{group_help(registry, group)}"
            raise UserError(rich(*head.parts, tail))
        spec = default
    return spec, _options(spec, words, registry, group)


def _options(spec: Command, words: list[str], registry: Registry, group: str) -> dict[str, Any]:
    names = {o.name: o for o in spec.options}
    values: dict[str, Any] = {}
    positional: list[str] = []
    for word in words:
        key, sep, value = word.partition(":") if ":" in word else word.partition("=")
        if sep and key.lower() in names:
            values[key.lower()] = value
        else:
            positional.append(word)
    free = [o for o in spec.options if o.name not in values]
    while positional and free:
        option = free.pop(0)
        take = 1
        if option.kind == "text":
            # A text option takes every word that the required options after it do not need.
            take = max(1, len(positional) - sum(o.required for o in free))
        values[option.name] = " ".join(positional[:take])
        positional = positional[take:]
    if positional:
        extra = UserText(" ".join(positional)[:80])
        raise UserError(rich("I didn't understand `", extra, f"`.\nUsage: `{spec.usage}`"))
    return values


def group_help(registry: Registry, group: str) -> str:
    """One line per command of the group."""
    lines = [f"`{s.usage}` — {s.description}" for s in registry.groups().get(group, [])]
    return "\n".join(lines)
