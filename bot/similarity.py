"""Find questions that ask the same thing in other words: by meaning, entry point and cases."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.content import Case, Question, Solution

# Calibrated on the bank (see tests/unit/test_similarity.py and `preploop content stats`): the
# five pairs issue 18 merged score 0.39 to 0.47 as they stood before the merge, the closest two
# distinct live questions 0.31.
SAME_QUESTION_THRESHOLD = 0.35
CONCEPT_WEIGHT = 4.0  # a named concept says more about what is asked than any one plain word
SHAPE_WEIGHT = 0.05  # coding: the same types in and out
CASE_OVERLAP = 0.5  # coding: share of the smaller case list whose inputs are identical
# Categories whose questions cover the same ground from different angles are compared together.
GROUPS = {"applied_ml": "ml", "ml_system_design": "ml", "deployment": "ml"}

# Interview vocabulary that names one concept in several ways. Each phrase (a regular
# expression over lower-cased text) becomes the concept's token before words are counted.
CONCEPTS: dict[str, str] = {
    "movingaverage": r"(?:moving|rolling|trailing|running|sliding[- ]window) (?:average|mean)s?",
    "topk": r"top[- ]k|k[- ]nearest|k closest|nearest[- ]neighbou?rs?|most similar|best k\b",
    "cosine": r"cosine(?: similarity)?|dot[- ]products?|inner[- ]products?",
    "annindex": r"approximate (?:nearest[- ]neighbou?r )?index(?:es)?|hnsw|ivf(?:-pq)?|faiss",
    "labelbudget": (
        r"label(?:l)?ing budget|label budget|annotation budget|fixed budget"
        r"|budget (?:covers|for|of) (?:about )?[\d,]+ (?:expert |human )?(?:labels|judgements)"
    ),
    "unlabeled": r"unlabel(?:l)?ed|no labels",
    "rareclass": r"rare positives|violations are rare|low prevalence|class imbalance|imbalanced",
    "policyviolation": r"policy violations?|misleading (?:\w+ )?claims|violating listings",
    "activelearning": r"active[- ]learning|uncertainty sampling|diversity sampling",
    "weaksupervision": r"weak supervision|label(?:l)?ing functions|snorkel",
    "signoff": (
        r"sign(?:ed|s|ing)?[- ]off|ready to launch|launch readiness|ship(?:ped)? on schedule"
        r"|schedule pressure|go/no-go"
    ),
    "leader": r"(?:your |a |the )?(?:manager|senior leader|business partner|stakeholder|boss)s?",
    "customer": r"shoppers?|customers?|people using the product|end users?",
    "shorttermwin": (
        r"short[- ]term (?:revenue|number|gain|goal|metric)s?|metric win|revenue up this quarter"
        r"|this quarter's revenue|number your team was judged on|the number improved"
    ),
    "customerharm": (
        r"worse off|(?:erodes?|eroding|lost|losing) (?:\w+ )?trust|customer trust"
        r"|long-term (?:harm|risk|effects?)"
    ),
    "guardrail": r"guardrails?(?: metrics?)?|better proxy|proxy metrics?",
    "disagree": r"disagree(?:d|ment)?|pushed back|push back|refus(?:e|ed|ing)|objection",
    "escalate": r"escalat(?:e|ed|ing|ion)|the right channel",
    "stagedrollout": (
        r"staged rollout|phased rollout|gradual rollout|canary|narrower launch"
        r"|launching without the contested feature"
    ),
    "fairness": r"fairness(?: check)?|per-group evaluation|bias audit",
    "abtest": r"a/b tests?|online experiments?|controlled experiments?",
    "kmeans": r"k-means|kmeans|lloyd's algorithm",
    "rag": r"retrieval[- ]augmented generation|\brag\b",
}
_CONCEPTS = [(re.compile(rf"\b(?:{pattern})"), f" {name} ") for name, pattern in CONCEPTS.items()]
_SPELLING = (("labell", "label"), ("normalis", "normaliz"), ("neighbour", "neighbor"))
_WORD = re.compile(r"[a-z0-9]+")
# English function words and the verbs rubric points open with ("Uses", "States", ...).
_STOP_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each eg etc few for
    from further had has have having he her here hers him his how i ie if in into is it its
    itself just me more most my namely no nor not now of off on once only or other our out over
    own same she should so some such than that the their them then there these they this those
    through to too under until up very was we were what when where which while who whom why will
    with would you your yours describes explains mentions names notes says states uses using used
    tell time
    """
_STOP_WORDS = frozenset(_STOP_TEXT.split())
_SUFFIXES = (
    ("ations", "ate"),
    ("ation", "ate"),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("ed", ""),
    ("s", ""),
    ("ly", ""),
)


@dataclass(frozen=True)
class Pair:
    """Two comparable questions, how alike they are, and why."""

    left: str
    right: str
    score: float
    reasons: tuple[str, ...]

    def message(self) -> str:
        return (
            f"{self.right!r} asks the same as {self.left!r} "
            f"(similarity {self.score:.2f}: {', '.join(self.reasons)}); merge them or make "
            "them clearly different"
        )


def _stem(word: str) -> str:
    for suffix, replacement in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    return word


def meaning_words(text: str) -> list[str]:
    """Lower-cased, stemmed words of a text, each synonym phrase folded into its concept."""
    text = text.lower()
    for british, american in _SPELLING:
        text = text.replace(british, american)
    for pattern, token in _CONCEPTS:
        text = pattern.sub(token, text)
    return [
        word if word in CONCEPTS else _stem(word)
        for word in _WORD.findall(text)
        if len(word) > 2 and not word.isdigit() and word not in _STOP_WORDS
    ]


def _terms(question: Question) -> Counter[str]:
    """Words and adjacent word pairs of what is asked, what is scored and what comes next."""
    fields = (
        f"{question.title} {question.prompt}",
        " ".join([*question.strong_answer, *question.listen_for]),
        " ".join(question.follow_ups),
        " ".join(question.hints),
    )
    return _terms_of(fields)


@lru_cache(maxsize=4096)
def _terms_of(fields: tuple[str, ...]) -> Counter[str]:
    """The terms of a question's texts, kept: checking one suggestion reads the whole bank."""
    terms: Counter[str] = Counter()
    for field in fields:
        words = meaning_words(field)
        terms.update(words)
        terms.update(f"{a}_{b}" for a, b in pairwise(words))
    return terms


def _vectors(questions: Sequence[Question]) -> dict[str, dict[str, float]]:
    """TF-IDF vectors of unit length; a concept token weighs CONCEPT_WEIGHT plain words."""
    documents = {q.id: _terms(q) for q in questions}
    frequency = Counter(term for document in documents.values() for term in document)
    total = len(documents)
    idf = {term: math.log((1 + total) / (1 + count)) + 1 for term, count in frequency.items()}
    vectors = {}
    for qid, document in documents.items():
        weights = {
            term: (1 + math.log(count)) * idf[term] * (CONCEPT_WEIGHT if term in CONCEPTS else 1)
            for term, count in document.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors[qid] = {term: w / norm for term, w in weights.items()}
    return vectors


def _cosine(left: dict[str, float], right: dict[str, float]) -> float:
    return sum(left[term] * right[term] for term in left.keys() & right.keys())


def _split_top(text: str, separator: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"[": 1, "(": 1, "]": -1, ")": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def _callable_shape(text: str) -> tuple[tuple[str, ...], str]:
    """The sorted parameter types and the return type of `name(a: T, b: U = 1) -> R`."""
    head, _, returns = text.partition("->")
    inside = head[head.find("(") + 1 : head.rfind(")")]
    types = [p.partition(":")[2].partition("=")[0].strip() for p in _split_top(inside, ",")]
    return tuple(sorted(t for t in types if t)), returns.strip() or "None"


def signature_shape(solution: Solution) -> tuple[str, ...]:
    """What goes in and comes out of a solution, names aside; int and float are one number.

    A class fed one value per call of its only method is the function over the list of those
    values: a stream's `next(value) -> float` is a batch `f(values: list) -> list[float]`.
    """
    text = re.sub(r"\b(?:int|float)\b", "num", solution.signature)
    if solution.kind == "function":
        params, returns = _callable_shape(text)
        return (*params, "->", returns)
    init, _, methods = re.sub(r"\)\s*[:;]", ")|", text, count=1).partition("|")
    init_params, _ = _callable_shape(init)
    shapes = [_callable_shape(m) for m in _split_top(methods, ";") if "(" in m]
    if len(shapes) == 1 and len(shapes[0][0]) == 1:
        (value,), returns = shapes[0]
        return (*sorted([*init_params, f"list[{value}]"]), "->", f"list[{returns}]")
    in_out = sorted(f"({', '.join(params)}) -> {returns}" for params, returns in shapes)
    return ("class", *init_params, *in_out)


def _case_input(case: Case) -> str:
    shape: Any = (
        {"args": case.args} if case.args is not None else {"init": case.init, "calls": case.calls}
    )
    return json.dumps(shape, sort_keys=True, default=str)


@dataclass(frozen=True)
class _Code:
    """What the coding checks compare of a solution, worked out once."""

    entry: str
    shape: tuple[str, ...]
    inputs: frozenset[str]
    cases: int

    @classmethod
    def of(cls, solution: Solution) -> _Code:
        inputs = frozenset(_case_input(case) for case in solution.tests)
        return cls(solution.entry, signature_shape(solution), inputs, len(solution.tests))


def _same_code_question(left: _Code, right: _Code) -> str | None:
    """Why two solutions are one exercise, if their entry or shape and their cases say so."""
    shared = len(left.inputs & right.inputs)
    if left.entry == right.entry and shared:
        return f"same entry point {left.entry!r} and {shared} identical test input(s)"
    smaller = min(left.cases, right.cases)
    if left.shape == right.shape and shared >= CASE_OVERLAP * smaller:
        return f"same signature shape and {shared} of {smaller} test inputs identical"
    return None


def _score(meaning: float, left: _Code | None, right: _Code | None) -> tuple[float, list[str]]:
    score, reasons = meaning, [f"meaning {meaning:.2f}"]
    if left is None or right is None:
        return score, reasons
    if left.shape == right.shape:
        score += SHAPE_WEIGHT
        reasons.append("same signature shape")
    same = _same_code_question(left, right)
    if same is not None:
        score = max(score, 1.0)
        reasons.append(same)
    return score, reasons


def scored_pairs(questions: Iterable[Question]) -> list[Pair]:
    """Every pair of questions in one category group, most alike first."""
    ordered = sorted(questions, key=lambda q: q.id)
    vectors = _vectors(ordered)
    code = {q.id: _Code.of(q.solution) for q in ordered if q.solution is not None}
    pairs = []
    for i, left in enumerate(ordered):
        group = GROUPS.get(left.category, left.category)
        for right in ordered[i + 1 :]:
            if GROUPS.get(right.category, right.category) != group:
                continue
            meaning = _cosine(vectors[left.id], vectors[right.id])
            score, reasons = _score(meaning, code.get(left.id), code.get(right.id))
            pairs.append(Pair(left.id, right.id, score, tuple(reasons)))
    return sorted(pairs, key=lambda pair: (-pair.score, pair.left, pair.right))


def same_questions(
    questions: Iterable[Question], threshold: float = SAME_QUESTION_THRESHOLD
) -> list[Pair]:
    """The pairs alike enough to be one question asked twice."""
    return [pair for pair in scored_pairs(questions) if pair.score >= threshold]


def alike_to(
    candidate: Any, others: Sequence[Any], threshold: float = SAME_QUESTION_THRESHOLD
) -> list[Pair]:
    """The questions of others that ask the same as one candidate, most alike first.

    The same scoring as `same_questions` on their words (anything with a question's id,
    category and texts will do: a community's questions carry no solution), but only the
    candidate's pairs, so checking one new question against the whole bank stays linear.
    """
    group = GROUPS.get(candidate.category, candidate.category)
    pool = [q for q in others if GROUPS.get(q.category, q.category) == group]
    vectors = _vectors([*pool, candidate])
    pairs = []
    for other in pool:
        score, reasons = _score(_cosine(vectors[other.id], vectors[candidate.id]), None, None)
        if score >= threshold:
            pairs.append(Pair(other.id, candidate.id, score, tuple(reasons)))
    return sorted(pairs, key=lambda pair: -pair.score)
