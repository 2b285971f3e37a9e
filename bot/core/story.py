"""The automatic check of a STAR story: plain rules, no I/O, never a refusal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.words import plural

# The 16 Leadership Principles, in the order the coverage map shows them (content/README.md).
PRINCIPLE_IDS: tuple[str, ...] = (
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "are-right-a-lot",
    "learn-and-be-curious",
    "hire-and-develop-the-best",
    "insist-on-the-highest-standards",
    "think-big",
    "bias-for-action",
    "frugality",
    "earn-trust",
    "dive-deep",
    "have-backbone-disagree-and-commit",
    "deliver-results",
    "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
)
PARTS: tuple[str, ...] = ("situation", "task", "action", "result")
PART_NAMES = {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result"}
# Fewer words than this and a part reads as a sketch rather than a story.
THIN_WORDS = {"situation": 15, "task": 10, "action": 40, "result": 15}
WORDS_PER_MINUTE = 140
TARGET_SECONDS = (120, 180)
PLACEHOLDERS = frozenset({"-", "--", "n/a", "na", "tbd", "todo", "...", "…", ".", "?", "x"})

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_WE = frozenset({"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves"})
_I = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"})
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "half",
        "halved",
        "doubled",
        "tripled",
        "quadrupled",
        "twice",
        "dozen",
        "dozens",
        "percent",
    ]
)
_MONEY = re.compile(r"[$€£¥₹]|\d\s*%")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass(frozen=True)
class PrincipleInfo:
    """What the check and the cards need to know about one principle."""

    id: str
    name: str
    cues: tuple[str, ...] = ()
    probes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Star:
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""

    def part(self, name: str) -> str:
        return str(getattr(self, name))

    def words(self) -> int:
        return sum(len(_tokens(self.part(name))) for name in PARTS)

    def complete(self) -> bool:
        """Return whether every part has real text (the story can go to reviewers)."""
        return all(not is_missing(self.part(name)) for name in PARTS)


@dataclass(frozen=True)
class Finding:
    """One thing to improve, with a concrete suggestion; `quote` is the member's own words."""

    code: str
    message: str
    suggestion: str
    quote: str = ""


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    words: int
    seconds: int
    cue_hits: dict[str, tuple[str, ...]]

    def speaking_time(self) -> str:
        return f"{self.seconds // 60}:{self.seconds % 60:02d}"


def normalise(text: str) -> str:
    """Lower-case, straight apostrophes, single spaces: the form cues are matched against."""
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


def is_missing(text: str) -> bool:
    """Return whether a part is empty or only a placeholder like "-" or "TBD"."""
    return normalise(text) in PLACEHOLDERS or not normalise(text)


def speaking_seconds(words: int) -> int:
    """Estimate how long the story takes to tell aloud."""
    return round(words * 60 / WORDS_PER_MINUTE)


def we_and_i(text: str) -> tuple[int, int]:
    """Count the "we" words and the "I" words of a text."""
    tokens = _tokens(text)
    return sum(t in _WE for t in tokens), sum(t in _I for t in tokens)


def is_measurable(text: str) -> bool:
    """Return whether a text states a number, a percentage, money or an amount of time."""
    if any(ch.isdigit() for ch in text) or _MONEY.search(text):
        return True
    return any(t in _NUMBER_WORDS for t in _tokens(text))


def stem(token: str) -> str:
    """Reduce a word to a rough stem, so "learned", "learning" and "learns" read as "learn"."""
    word = token.removesuffix("'s")
    for suffix, ending in _SUFFIXES:
        root = word[: -len(suffix)]
        if word.endswith(suffix) and len(root) >= 3 and not root.endswith(_KEEP[suffix]):
            word = root + ending
            if suffix in ("ed", "ing") and len(word) > 3 and word[-1] == word[-2]:
                word = word[:-1]  # "shipped" -> "ship", "committed" -> "commit"
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


# Tried in order, first match wins; a root ending in _KEEP stays whole ("bias", "process").
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_KEEP = {"ies": (), "ied": (), "ing": (), "ed": ("e",), "es": (), "s": ("s", "u", "i", "a")}


def stems(text: str) -> tuple[str, ...]:
    """Return the stems of a text's words, in order."""
    return tuple(stem(token) for token in _tokens(text))


def has_phrase(words: Sequence[str], phrase: Sequence[str]) -> bool:
    """Return whether `phrase` occurs in `words` as whole, consecutive words."""
    size = len(phrase)
    return size > 0 and any(
        tuple(words[i : i + size]) == tuple(phrase) for i in range(len(words) - size + 1)
    )


def cue_hits(star: Star, principle: PrincipleInfo) -> tuple[str, ...]:
    """Return the principle's cues found as whole words in the Action or the Result."""
    words = stems(f"{star.action}\n{star.result}")
    return tuple(cue for cue in principle.cues if has_phrase(words, stems(cue)))


def unfinished(report: CheckReport) -> tuple[str, ...]:
    """Return what keeps the check from finding the story complete: "the Result missing"."""
    found = []
    for finding in report.findings:
        kind, _, part = finding.code.partition("-")
        if kind in ("missing", "thin") and part in PART_NAMES:
            found.append(f"the {PART_NAMES[part]} {kind}")
    return tuple(found)


def check_story(star: Star, principles: Sequence[PrincipleInfo]) -> CheckReport:
    """Check a story and say what to improve; it only advises, it never refuses."""
    findings = [*_part_findings(star), *_ownership(star), *_result(star)]
    words = star.words()
    seconds = speaking_seconds(words)
    findings.extend(_length(seconds, words))
    hits = {p.id: cue_hits(star, p) for p in principles}
    findings.extend(_fit(p) for p in principles if p.cues and not hits[p.id])
    return CheckReport(tuple(findings), words, seconds, hits)


def _part_findings(star: Star) -> list[Finding]:
    found = []
    for name in PARTS:
        text, label = star.part(name), PART_NAMES[name]
        if is_missing(text):
            found.append(Finding(f"missing-{name}", f"The {label} is missing.", _MISSING[name]))
        elif len(_tokens(text)) < THIN_WORDS[name]:
            message = f"The {label} is thin ({plural(len(_tokens(text)), 'word')})."
            found.append(Finding(f"thin-{name}", message, _MISSING[name]))
    situation, action = len(_tokens(star.situation)), len(_tokens(star.action))
    if action and situation > action:
        found.append(
            Finding(
                "long-situation",
                f"The Situation ({plural(situation, 'word')}) is longer than the Action "
                f"({plural(action, 'word')}).",
                "Cut the background to two or three sentences and spend the time on what you did: "
                "interviewers score the Action most.",
            )
        )
    return found


_MISSING = {
    "situation": "Set the scene in two or three sentences: the team, the system, what was at "
    "stake and when.",
    "task": "Say what you were responsible for, or the goal you set yourself, in one or two "
    "sentences.",
    "action": "Walk through the steps you took, in order: what you decided, why, and what you "
    "traded off. This should be the longest part.",
    "result": "Say how it ended, with a number if you can (time saved, error rate, revenue, "
    "latency), and what you learned.",
}


def _ownership(star: Star) -> list[Finding]:
    we, i = we_and_i(star.action)
    if we <= i:
        return []
    return [
        Finding(
            "we-over-i",
            f'The Action says "we" {_times(we)} and "I" {_times(i)}.',
            'Interviewers score what you did. Tell your own steps with "I" and name what others '
            'did separately, e.g. "we built a pipeline" → "I designed the pipeline and paired '
            'with Sam on the backfill".',
            quote=_first_sentence_with(star.action, _WE),
        )
    ]


def _times(count: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(count, f"{count} times")


def _first_sentence_with(text: str, words: frozenset[str]) -> str:
    for sentence in _SENTENCE.findall(text):
        if any(t in words for t in _tokens(sentence)):
            return str(sentence).strip()[:200]
    return ""


def _result(star: Star) -> list[Finding]:
    if is_missing(star.result) or is_measurable(star.result):
        return []
    return [
        Finding(
            "unmeasured-result",
            "The Result has no measurable outcome.",
            'Add a number: how much faster, cheaper or more accurate, and by when, e.g. "cut '
            'p99 latency from 800 ms to 200 ms in three weeks" or "saved $12k a month". An honest '
            "estimate is fine if you say it is one.",
        )
    ]


def _length(seconds: int, words: int) -> list[Finding]:
    low, high = TARGET_SECONDS
    spoken = f"{seconds // 60}:{seconds % 60:02d}"
    if seconds < low:
        more = round((low - seconds) * WORDS_PER_MINUTE / 60)
        suggestion = (
            f"Add about {plural(more, 'word')}, mostly to the Action and the Result: the "
            "decisions you made, the obstacles and the numbers."
        )
        return [
            Finding("short", f"It takes about {spoken} to tell; aim for 2–3 minutes.", suggestion)
        ]
    if seconds > high:
        cut = round((seconds - high) * WORDS_PER_MINUTE / 60)
        suggestion = (
            f"Cut about {plural(cut, 'word')} of its {words}: trim the Situation first, keep the "
            "Action's decisions and the Result's numbers. Interviewers interrupt long stories."
        )
        return [
            Finding("long", f"It takes about {spoken} to tell; aim for 2–3 minutes.", suggestion)
        ]
    return []


def _fit(principle: PrincipleInfo) -> Finding:
    examples = ", ".join(f'"{cue}"' for cue in principle.cues[:4])
    probe = f" Interviewers probe: {principle.probes[0]}" if principle.probes else ""
    return Finding(
        f"fit-{principle.id}",
        f"{principle.name} is not evident in the Action or the Result.",
        f"Show it in what you did and what came of it; interviewers listen for things like "
        f"{examples}.{probe}",
    )
