"""Hypothesis strategies for hostile input: text, option values, button and form payloads."""

from __future__ import annotations

import re
from datetime import date, time
from functools import cache
from typing import Any

from hypothesis import strategies as st

from bot.app.feature import registry_of
from bot.app.registry import Command, Option
from bot.features import FEATURES

REGISTRY = registry_of(FEATURES)


MARKER = "ZQXSECRETB"  # every row of the other community carries it; no reply to A may show it
FORBIDDEN = (MARKER.lower(), "traceback", "error:")
# What a reply must never show (a leaked internal); generated input never holds it either, or an
# answer that echoes what the member typed (say, the unknown command `/psycopg`) would be flagged.
INTERNALS = re.compile(
    r"Traceback|Error:|Exception|File \"|sqlalchemy|sqlite3|psycopg|object at 0x|"
    r"\band None\b|\bNone and\b|<bot\.",
)

PINGS = (
    "@everyone",
    "@here",
    "@channel",
    "<@&123456789012345678>",
    "<@&123>",
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!subteam^S0123>",
    "<@U123>",
    "<@W0HOSTILE>",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "<#C0HOSTILE>",
    "<#123456789012345678>",
)
MARKUP = (
    "**",
    "```",
    "`",
    "> ",
    ">>> ",
    "<",
    ">",
    "&",
    "&amp;",
    "&lt;",
    "|",
    "||spoiler||",
    "~~",
    "_",
    "*",
    "\\",
    "<https://evil.example|click me>",
    "[click](https://evil.example)",
    "# heading",
    '"',
    "'",
    ":",
    "key:value",
    "=",
)
SQL = (
    "'; DROP TABLE member; --",
    '" OR 1=1 --',
    "1; DELETE FROM story",
    "' UNION SELECT text FROM answer --",
    "%",
    "_%",
    "NULL",
    "1 OR 1=1",
)
SPICE = (
    "\u202e",  # right-to-left override
    "\u200f",
    "\u200b",  # zero-width space
    "\u200d",
    "\ufeff",
    "\x00",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\r\n",
    "\r",
    "\t",
    "\x7f",
    "\u2028",
    "\u0301",
    "👩\u200d💻",
    "🧑🏽\u200d🚀",
    "שלום",
    "مرحبا",
    "𝕏𝕐",
    "\U0010ffff",
    "Ω≈ç√",
    "１２３",
    "٣",
)
FRAGMENTS = PINGS + MARKUP + SQL + SPICE
HUGE_SIZES = (2001, 3001, 4001, 6001, 100_000)


def clean(text: str) -> bool:
    """Keep generated text free of the words the checks look for."""
    lowered = text.lower()
    return not any(word in lowered for word in FORBIDDEN) and not INTERNALS.search(text)


def _huge(fragment: str, size: int) -> str:
    return (fragment * (size // max(len(fragment), 1) + 1))[:size]


@cache
def hostile_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Random unicode, mixes of pings, markup, SQL and odd characters, or a huge string."""
    mixed = st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), min_size=1, max_size=6
    ).map("".join)
    huge = st.builds(_huge, st.sampled_from((*FRAGMENTS, "a", "é ")), st.sampled_from(HUGE_SIZES))
    return st.one_of(
        st.text(max_size=max_size),
        mixed,
        mixed,
        st.sampled_from(FRAGMENTS),
        huge,
    ).filter(clean)


@cache
def short_text() -> st.SearchStrategy[str]:
    """Hostile text that is never huge (for names and ids)."""
    mixed = st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), min_size=1, max_size=4
    ).map("".join)
    return st.one_of(st.text(max_size=30), mixed).filter(clean)


@cache
def numbers() -> st.SearchStrategy[str]:
    """Whole numbers as text: small, negative, beyond 64 bits, spaced, padded, malformed."""
    return st.one_of(
        st.integers(-5, 50).map(str),
        st.integers(-(2**80), 2**80).map(str),
        st.sampled_from(("0", "-0", " 7 ", "007", "1_000", "1e3", "1.5", "9" * 5000, "٣", "")),
    )


class RoleId(str):
    """The id of a role picked in a role option, with the role's name (Discord sends type 8)."""

    name: str = "Prep"


def picked_role(name: str) -> RoleId:
    """The role a Discord admin picks, named `name`."""
    role = RoleId("1600000000000000001")
    role.name = name
    return role


def resolved_role(role: str, name: str = "Prep") -> dict[str, Any]:
    """A role as Discord resolves it in an interaction."""
    return {
        "id": role,
        "name": name,
        "color": 0,
        "hoist": False,
        "position": 1,
        "permissions": "0",
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


@cache
def option_value(option: Option, *, typed: bool = False) -> st.SearchStrategy[Any]:
    """A raw value for one option: a valid one, a near miss, or hostile text.

    `typed` gives what a platform with typed options (Discord) can deliver: ints for int
    options, booleans for bool options, strings within max_length for text options.
    """
    hostile = hostile_text()
    if option.kind == "int":
        ints = st.integers(option.min_value or -(2**31), option.max_value or 2**31)
        return ints if typed else st.one_of(ints, numbers(), hostile)
    if option.kind == "bool":
        return st.booleans() if typed else st.one_of(st.booleans(), st.sampled_from(BOOLS), hostile)
    if option.kind == "choice":
        picks = st.sampled_from(option.choices)
        if typed and len(option.choices) <= 25:
            return picks
        return st.one_of(picks, picks.map(str.upper), hostile)
    if option.kind == "date":
        edges = st.sampled_from(DATES)
        return st.one_of(st.dates(date(1, 1, 2), date(9999, 12, 30)).map(str), edges, hostile)
    if option.kind == "time":
        return st.one_of(st.times().map(time.isoformat), st.sampled_from(TIMES), hostile)
    if option.kind == "role":  # a role's name is whatever the server's admins typed
        return hostile.map(lambda name: picked_role(name[:100])) if typed else hostile
    if typed:  # the platform holds typed text to the option's length
        return hostile.map(lambda text: text[: option.max_length]).filter(bool)
    return hostile


BOOLS = ("yes", "no", "TRUE", "off", "1", "0", "maybe", "")
DATES = ("9999-12-31", "9999-10-01", "0001-01-01", "2026-12-01", "2026-12-02", "2026-02-30")
TIMES = ("24:00", "08:00", "8", "08:00:00+05:00", "-1:00", "99:99")


@cache
def options_for(command: Command, *, typed: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """A dict of raw option values: some of the command's options, sometimes an unknown one."""
    known = st.fixed_dictionaries(
        {},
        optional={o.name: option_value(o, typed=typed) for o in command.options},
    )
    if typed:
        required = {o.name: option_value(o, typed=True) for o in command.options if o.required}
        return st.fixed_dictionaries(required).flatmap(
            lambda must: known.map(lambda more: {**more, **must})
        )
    unknown = st.dictionaries(short_text(), hostile_text(), max_size=2)
    return st.one_of(known, st.tuples(known, unknown).map(lambda pair: {**pair[1], **pair[0]}))


@cache
def command_line(command: Command) -> st.SearchStrategy[str]:
    """What a member types after `/group`: the subcommand, then key:value words and free text."""

    def word(option: Option) -> st.SearchStrategy[str]:
        return option_value(option).map(lambda v: f"{option.name}:{_quote(str(v))}")

    words = st.lists(
        st.one_of(*(word(o) for o in command.options), hostile_text())
        if command.options
        else hostile_text(),
        max_size=4,
    )
    head = "" if command.default else f"{command.name} "
    return words.map(lambda items: head + " ".join(items))


def _quote(value: str) -> str:
    return f'"{value}"' if " " in value and '"' not in value else value


@cache
def commands() -> st.SearchStrategy[Command]:
    """A command, its group drawn first: every group is as likely, so a new one (or a group of
    many commands) never pushes a small group out of a derandomized run."""
    by_group: dict[str, list[Command]] = {}
    for command in sorted(REGISTRY.commands.values(), key=lambda c: (c.group, c.name)):
        by_group.setdefault(command.group, []).append(command)
    return st.sampled_from(sorted(by_group)).flatmap(lambda group: st.sampled_from(by_group[group]))


ACTIONS = tuple(sorted(REGISTRY.actions))
SUBMITS = tuple(sorted(REGISTRY.submits))
RATINGS = ("nailed", "partial", "missed")
QUESTION_FORM = ("title", "prompt", "hints", "strong_answer")
FORM_FIELDS = {
    "q.answer": ("answer",),
    "story.new": ("title", "situation", "task", "action", "result"),
    "story.edit": ("title", "situation", "task", "action", "result"),
    "story.review": ("scores", "comments"),
    "mock.fb": ("s0", "s1", "s2", "s3", "comment"),
    "mock.own_form": ("when",),
    "sg.new": QUESTION_FORM,
    "sg.edit": QUESTION_FORM,
    "bank.add": QUESTION_FORM,
    "sg.deny": ("reason",),
}


@cache
def action_names(known: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A registered action, a near miss of one, or random text."""
    near = st.sampled_from(known).flatmap(
        lambda name: st.sampled_from((name.upper(), f" {name}", f"{name}\x00", name[:-1], name * 2))
    )
    return st.one_of(st.sampled_from(known), st.sampled_from(known), near, short_text())


@cache
def forged_value(ids: tuple[int, ...], numbers_too: bool = True) -> st.SearchStrategy[str]:
    """A button or form value naming someone else's rows, or a malformed one."""
    some_id = st.sampled_from(ids).map(str)
    pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).map(lambda p: f"{p[0]}:{p[1]}")
    rated = st.tuples(some_id, st.sampled_from((*RATINGS, "x", ""))).map(":".join)
    indexed = st.tuples(some_id, numbers()).map(":".join)
    choices = [some_id, some_id, pair, rated, indexed, hostile_text(max_size=20)]
    if numbers_too:
        choices.append(numbers())
    return st.one_of(*choices)


@cache
def form_fields(action: str) -> st.SearchStrategy[dict[str, str]]:
    """Hostile values for a form's inputs (and sometimes inputs it never had)."""
    names = FORM_FIELDS.get(action, ("answer",))
    scores = st.sampled_from(("3 3 3 3 3", "1 2 3 4 4", "4", "5 5 5 5 5", "3,4,2,3,4", "", "a b c"))
    value = {
        "scores": st.one_of(scores, short_text()),
        **{
            f"s{i}": st.one_of(st.sampled_from(("1", "4", "0", "5", "")), short_text())
            for i in range(4)
        },
    }
    return st.fixed_dictionaries(
        {},
        optional={name: value.get(name, hostile_text()) for name in (*names, "extra")},
    )
