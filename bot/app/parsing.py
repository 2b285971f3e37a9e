"""Parse the text after a slash command (Slack, the console) into a command and its options."""

from __future__ import annotations

import re
import shlex
from typing import Any

from bot.app.registry import Command, Registry, UserError, convert
from bot.core.cards import Rich, UserText, rich

_WORDY = ("text", "role")  # options whose value may be several words
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
    named, positional, spilled = _split(spec, words)
    placed, extra = _by_position(spec, named, positional)
    if spilled is not None and (extra or not _converts(spec, placed)):
        key, rest = spilled
        raise UserError(_needs_quotes(key, named[key], rest))
    if extra:
        shown = UserText(" ".join(extra)[:80])
        raise UserError(rich("I didn't understand `", shown, f"`.\nUsage: `{spec.usage}`"))
    return named | placed


Spill = tuple[str, list[str]]  # a named text option and the loose words typed right after it


def _split(spec: Command, words: list[str]) -> tuple[dict[str, str], list[str], Spill | None]:
    """Sort words into named options and loose words, noting the first text option that spilled."""
    names = {o.name: o for o in spec.options}
    named: dict[str, str] = {}
    positional: list[str] = []
    spills: list[Spill] = []
    current: Spill | None = None
    for word in words:
        key, sep, value = word.partition(":") if ":" in word else word.partition("=")
        if sep and key.lower() in names:
            named[key.lower()] = value
            current = (key.lower(), []) if names[key.lower()].kind in _WORDY else None
            spills += [current] if current else []
        elif sep and _looks_like_option(key, value):
            raise UserError(
                rich(f"`{_name(spec)}` has no option `", UserText(key[:40]), f"`.\n{_usage(spec)}")
            )
        else:
            positional.append(word)
            if current is not None:
                current[1].append(word)
    return named, positional, next((s for s in spills if s[1]), None)


def _by_position(
    spec: Command, named: dict[str, str], positional: list[str]
) -> tuple[dict[str, str], list[str]]:
    """Give loose words to the options not named, in order; return them and any words left."""
    free = [o for o in spec.options if o.name not in named]
    placed: dict[str, str] = {}
    while positional and free:
        option = free.pop(0)
        take = 1
        if option.kind in _WORDY:
            # A text option takes every word that the required options after it do not need.
            take = max(1, len(positional) - sum(o.required for o in free))
        placed[option.name] = " ".join(positional[:take])
        positional = positional[take:]
    return placed, positional


def _converts(spec: Command, placed: dict[str, str]) -> bool:
    names = {o.name: o for o in spec.options}
    try:
        for name, raw in placed.items():
            convert(names[name], raw)
    except UserError:
        return False
    return True


def _looks_like_option(key: str, value: str) -> bool:
    # `unknown:1` is a misspelt option; `18:00-21:00` or `https://…` are values.
    return bool(_OPTION_NAME.fullmatch(key)) and bool(value) and not value.startswith("/")


_OPTION_NAME = re.compile(r"[A-Za-z][A-Za-z_-]{0,39}")


def _needs_quotes(key: str, first: str, rest: list[str]) -> Rich:
    whole = " ".join([first, *rest])
    return rich(
        f"`{key}` took only `",
        UserText(first[:80]),
        "`, and I didn't understand `",
        UserText(" ".join(rest)[:80]),
        "`. A value of several words needs quotes: `",
        UserText(f'{key}:"{whole[:80]}"'),
        "`.",
    )


def _name(spec: Command) -> str:
    return f"/{spec.group}" if spec.default else f"/{spec.group} {spec.name}"


def _usage(spec: Command) -> str:
    return f"Usage: `{spec.usage}`"


def group_help(registry: Registry, group: str) -> str:
    """One line per command of the group."""
    lines = [f"`{s.usage}` — {s.description}" for s in registry.groups().get(group, [])]
    return "\n".join(lines)
