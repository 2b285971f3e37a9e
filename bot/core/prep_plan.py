"""A personal prep plan to the member's interview date: the guide's mix, one item a day.

The guide asks for at least 40 % coding and at least 30 % Leadership Principle work, the rest
ML system design, ML depth and deployment, weighted by the rounds a member faces and their
level; a mock each week; the last 7 days review what the member rated missed or partial.
Everything here is a pure function of the member's choices and the date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.core.vocabulary import ROUND_CATEGORIES, ROUNDS

AREAS = ("coding", "leadership", "ml_system_design", "applied_ml", "deployment")
AREA_NAMES = {
    "coding": "Coding",
    "leadership": "LP stories",
    "ml_system_design": "ML system design",
    "applied_ml": "ML depth",
    "deployment": "Deployment",
}
KIND_NAMES = {
    "question": "practice question",
    "story": "STAR story task",
    "mock": "mock interview",
    "review": "review",
}
MIN_CODING, MIN_LEADERSHIP = 0.40, 0.30
MAX_EXTRA = 2  # a day holds its own item and at most two carried over from missed days
DAY_CAP = 1 + MAX_EXTRA
REVIEW_DAYS = 7
MAX_DAYS = 16 * 7
ML_ROUNDS = {"ml_system_design": ("ml_system_design", "deployment"), "ml_depth": ("applied_ml",)}


@dataclass(frozen=True)
class Item:
    """One planned task: due on `day`, first planned for `slot` (earlier when carried over)."""

    seq: int
    day: date
    slot: date
    area: str
    kind: str  # question · story · mock · review
    mock_round: str | None = None
    question_id: str | None = None
    done: date | None = None
    rating: str | None = None
    dropped: bool = False

    @property
    def carried(self) -> bool:
        return self.day != self.slot

    @property
    def open(self) -> bool:
        return self.done is None and not self.dropped


@dataclass(frozen=True)
class Window:
    """The days a plan covers, and what the member is told when the date is very near or far."""

    start: date
    days: int
    note: str


def targets(rounds: tuple[str, ...], level: str | None) -> dict[str, float]:
    """Return each area's share of the plan: the guide's floors, then rounds and level."""
    named = set(rounds) or set(ROUNDS)
    coding, leadership = MIN_CODING, MIN_LEADERSHIP
    if level in ("senior", "principal"):
        leadership += 0.05  # the Bar Raiser probes scope and judgment harder at these levels
    if level in ("mle1", None) or named & {"online_assessment", "phone_screen"}:
        coding += 0.05
    ml = _ml_weights(named, level)
    rest = max(0.0, 1.0 - coding - leadership)
    if not ml:  # no ML round named: the rest goes to the rounds that were
        to_coding = 0.6 if named - {"bar_raiser"} else 0.3
        coding, leadership = coding + rest * to_coding, leadership + rest * (1 - to_coding)
        return {"coding": coding, "leadership": leadership} | dict.fromkeys(AREAS[2:], 0.0)
    total = sum(ml.values())
    shares = {area: rest * ml.get(area, 0.0) / total for area in AREAS[2:]}
    return {"coding": coding, "leadership": leadership} | shares


def _ml_weights(named: set[str], level: str | None) -> dict[str, float]:
    weights: dict[str, float] = {}
    if "ml_system_design" in named:
        design = 3.0 if level in ("senior", "principal") else 2.0
        weights |= {"ml_system_design": design, "deployment": 1.0}
    if "ml_depth" in named:
        weights["applied_ml"] = 2.0
        weights["deployment"] = weights.get("deployment", 0.0) + 0.5
    return weights


def window(today: date, interview: date) -> Window:
    """Return the plan's days from today; refuse a past date (ValueError)."""
    days = (interview - today).days
    if days < 1:
        raise ValueError("the interview date must be after today")
    if days > MAX_DAYS:
        start = interview - timedelta(days=MAX_DAYS)
        note = (
            f"Your interview is {days // 7} weeks away. The guide plans 4 to 6 weeks and more "
            f"than 16 weeks of daily items wears people out, so your plan starts on "
            f"{start.isoformat()} (16 weeks before). Until then, `/practice` keeps you warm."
        )
        return Window(start, MAX_DAYS, note)
    if days < REVIEW_DAYS:
        note = (
            f"Your interview is only {days} day{'s' if days > 1 else ''} away, so there is no "
            "time for new topics: every day reviews what you rated missed or partial first, "
            "then your weakest areas, in the guide's mix."
        )
        return Window(today, days, note)
    if days < 2 * REVIEW_DAYS:
        note = "A short plan: one week of new practice at most, then the last 7 days of review."
        return Window(today, days, note)
    return Window(today, days, "")


def build_plan(
    start: date, days: int, rounds: tuple[str, ...], level: str | None, first_seq: int = 1
) -> list[Item]:
    """Return one item a day from `start`: the target mix, a weekly mock, the review week."""
    share = targets(rounds, level)
    areas = apportion(share, days)
    items = [
        Item(first_seq + i, start + timedelta(days=i), start + timedelta(days=i), area, "question")
        for i, area in enumerate(areas)
    ]
    items = _story_tasks(items)
    review_from = max(0, days - REVIEW_DAYS)
    items = [
        replace(item, kind="review") if i >= review_from else item for i, item in enumerate(items)
    ]
    return _weekly_mocks(items, review_from, rounds)


def apportion(share: dict[str, float], days: int) -> list[str]:
    """Spread areas over days so that every stretch of the plan keeps close to the shares."""
    given = dict.fromkeys(share, 0)
    order: list[str] = []
    for index in range(days):
        area = max(share, key=lambda a: (share[a] * (index + 1) - given[a], share[a]))
        given[area] += 1
        order.append(area)
    return order


def _story_tasks(items: list[Item]) -> list[Item]:
    """Every other LP item is story work (write or sharpen a STAR story), the rest questions."""
    out, count = [], 0
    for item in items:
        if item.area == "leadership":
            count += 1
            item = replace(item, kind="story") if count % 2 == 0 else item
        out.append(item)
    return out


def _weekly_mocks(items: list[Item], review_from: int, rounds: tuple[str, ...]) -> list[Item]:
    """Make one item of each week before the review week a mock of a round it fits."""
    wanted = list(rounds or ("onsite_coding", "ml_system_design", "bar_raiser", "ml_depth"))
    out = list(items)
    weeks = [range(w, min(w + 7, review_from)) for w in range(0, review_from, 7)]
    if not any(len(week) >= 3 for week in weeks) and len(items) >= 3:
        weeks = [range(1, len(items))]  # a short plan still gets one mock, early
    for number, week in enumerate(weeks):
        if len(week) < 3:
            continue
        round_ = wanted[number % len(wanted)]
        fits = [i for i in week if out[i].area in ROUND_CATEGORIES[round_]]
        index = fits[-1] if fits else week[-1]
        out[index] = replace(out[index], kind="mock", mock_round=_round_for(out[index], round_))
    return out


def _round_for(item: Item, wanted: str) -> str:
    if item.area in ROUND_CATEGORIES[wanted]:
        return wanted
    return next(r for r in ROUNDS[::-1] if item.area in ROUND_CATEGORIES[r])
