"""Mock interview rules: target roles, levels, the rubric of each round, feedback checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.cards import Rich, UserText, plain, rich
from bot.core.vocabulary import LEVELS

DEFAULT_ROLES: tuple[str, ...] = ("MLE", "SDE", "Applied Scientist", "Data Scientist")
SCORE_LOW, SCORE_HIGH = 1, 4
SUBSTANTIVE_CHARS = 80
SUBSTANTIVE_WORDS = 12
MAX_ROLES = 12
ROLE_LENGTH = 40
NOSHOW_GRACE = timedelta(minutes=15)  # a partner running a little late is not a no-show
DISPUTE_WINDOW = timedelta(hours=24)
EXPIRE_AFTER = timedelta(hours=48)
_ROLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 &/+().-]*$")  # shown as trusted text, so no markup


@dataclass(frozen=True)
class Rubric:
    """What the interviewer scores, from 1 (not yet) to 4 (strong)."""

    name: str
    criteria: tuple[str, str, str, str]


CODING = Rubric("Coding", ("Problem solving", "Code quality", "Communication", "Testing"))
DESIGN = Rubric("ML system design", ("Requirements", "Architecture", "Trade-offs", "Metrics"))
DEPTH = Rubric("ML depth", ("Fundamentals", "Depth", "Trade-offs", "Communication"))
LEADERSHIP = Rubric(
    "Leadership Principles", ("STAR structure", "Specificity", "Ownership", "Measurable result")
)
RUBRICS = {
    "online_assessment": CODING,
    "phone_screen": CODING,
    "onsite_coding": CODING,
    "ml_system_design": DESIGN,
    "ml_depth": DEPTH,
    "bar_raiser": LEADERSHIP,
}


class RuleError(ValueError):
    """Input that breaks a mock rule; `text` says why, for the member (their words as UserText)."""

    def __init__(self, *parts: str) -> None:
        self.text: Rich = rich(*parts)
        super().__init__(plain(self.text))


def quoted(member_text: str, limit: int = 40) -> tuple[str, ...]:
    """Quote a member's words for an error message, shown literally."""
    return ("“", UserText(" ".join(member_text.split())[:limit]), "”")


def rubric_for(round_name: str) -> Rubric:
    """Return the rubric used to score an interview of this round."""
    return RUBRICS.get(round_name, CODING)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def find_role(text: str, roles: tuple[str, ...]) -> str:
    """Return the community's role matching the text in any case or spacing, or raise."""
    wanted = _slug(text)
    for role in roles:
        if _slug(role) == wanted and wanted:
            return role
    raise RuleError(
        *quoted(text), f" is not a target role here. Choose one of: {', '.join(roles)}."
    )


def parse_roles(text: str) -> tuple[str, ...]:
    """Read a comma-separated list of target roles for a community, or raise."""
    roles = tuple(dict.fromkeys(" ".join(r.split()) for r in text.split(",") if r.strip()))
    if not roles:
        raise RuleError("Give at least one role, like `MLE, SDE, Applied Scientist`.")
    if len(roles) > MAX_ROLES:
        raise RuleError(f"Keep it to {MAX_ROLES} roles or fewer.")
    if any(len(r) > ROLE_LENGTH or not _ROLE.match(r) for r in roles):
        raise RuleError(
            f"Each role is at most {ROLE_LENGTH} characters: "
            "letters, digits, spaces and - / & + . ( )"
        )
    if len({_slug(r) for r in roles}) != len(roles):
        raise RuleError("Two of those roles are the same apart from case or spacing.")
    return roles


def level_index(level: str) -> int:
    """Return the level's rank, 0 for MLE I up to 3 for Principal."""
    return LEVELS.index(level) if level in LEVELS else 1


def parse_score(text: str, criterion: str) -> int:
    """Read one rubric score from 1 to 4, or raise with the criterion's name."""
    value = text.strip()
    if value not in {str(n) for n in range(SCORE_LOW, SCORE_HIGH + 1)}:
        wrote = quoted(value, 20) if value else ("nothing",)
        raise RuleError(
            f"**{criterion}** needs a score from {SCORE_LOW} to {SCORE_HIGH}; you wrote ",
            *wrote,
            ".",
        )
    return int(value)


def is_substantive(comment: str) -> bool:
    """Say whether written feedback is long and specific enough to earn feedback points."""
    text = comment.strip()
    return len(text) >= SUBSTANTIVE_CHARS and len(text.split()) >= SUBSTANTIVE_WORDS


def has_started(start: datetime | None, now: datetime) -> bool:
    """Say whether a mock's proposed time has come (one with no time counts as started)."""
    return start is None or now >= start


def noshow_opens(start: datetime) -> datetime:
    """Return when a partner's absence may be reported: 15 minutes after the proposed start."""
    return start + NOSHOW_GRACE


def dispute_deadline(reported_at: datetime) -> datetime:
    """Return when the member reported absent can no longer dispute it."""
    return reported_at + DISPUTE_WINDOW


def stale_since(now: datetime) -> datetime:
    """Return the latest proposed start of a mock that is still open now (48 hours ago)."""
    return now - EXPIRE_AFTER
