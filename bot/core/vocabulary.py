"""The words of the domain: question categories, interview rounds, levels, difficulties, days.

One place for them: the content loader validates the bank against these, and the core, the
features and the cards name them from here.
"""

from __future__ import annotations

from typing import Literal

Category = Literal["coding", "ml_system_design", "applied_ml", "deployment", "leadership"]
Round = Literal[
    "online_assessment",
    "phone_screen",
    "onsite_coding",
    "ml_system_design",
    "ml_depth",
    "bar_raiser",
]
Difficulty = Literal["easy", "medium", "hard"]
Level = Literal["mle1", "mle2", "senior", "principal"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
ROUNDS: tuple[str, ...] = Round.__args__  # type: ignore[attr-defined]
DIFFICULTIES: tuple[str, ...] = Difficulty.__args__  # type: ignore[attr-defined]
LEVELS: tuple[str, ...] = Level.__args__  # type: ignore[attr-defined]
WEEKDAYS: tuple[str, ...] = Weekday.__args__  # type: ignore[attr-defined]

CATEGORY_NAMES = {
    "coding": "Coding & algorithms",
    "ml_system_design": "ML system design",
    "applied_ml": "Applied ML & ML depth",
    "deployment": "Model deployment & monitoring",
    "leadership": "Leadership Principles",
}
ROUND_NAMES = {
    "online_assessment": "Online assessment",
    "phone_screen": "Phone screen",
    "onsite_coding": "Onsite coding",
    "ml_system_design": "ML system design",
    "ml_depth": "ML depth",
    "bar_raiser": "Bar Raiser / LP",
}
LEVEL_NAMES = {
    "mle1": "MLE I",
    "mle2": "MLE II",
    "senior": "Senior MLE",
    "principal": "Principal MLE",
}

# The short labels cards show beside a member's name ("MLE II", "Senior").
LEVEL_LABELS = {"mle1": "MLE I", "mle2": "MLE II", "senior": "Senior", "principal": "Principal"}

# The question categories each round asks, best first; they match the round's rubric, so an LP
# question listed for a design round (LPs come up in every round) never becomes its packet.
ROUND_CATEGORIES: dict[str, tuple[str, ...]] = {
    "online_assessment": ("coding",),
    "phone_screen": ("coding",),
    "onsite_coding": ("coding",),
    "ml_system_design": ("ml_system_design", "deployment"),
    "ml_depth": ("applied_ml", "deployment"),
    "bar_raiser": ("leadership",),
}
