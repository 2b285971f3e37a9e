"""A member's coverage of the 16 principles, without a database."""

from __future__ import annotations

from bot.core.story import PRINCIPLE_IDS
from bot.core.story_coverage import PRIORITY, SHORT_NAMES, Status, StoryFacts, coverage


def _cell(
    stories: list[StoryFacts], principle: str
) -> tuple[Status, tuple[int, ...], float | None]:
    cell = next(c for c in coverage(stories).cells if c.principle == principle)
    return cell.status, cell.stories, cell.best


def test_the_map_has_all_16_principles_in_order_with_short_names() -> None:
    shown = coverage([])
    assert [c.principle for c in shown.cells] == list(PRINCIPLE_IDS)
    assert set(SHORT_NAMES) == set(PRINCIPLE_IDS) == set(PRIORITY)
    assert all(len(name) <= 20 for name in SHORT_NAMES.values())
    assert shown.covered() == 0


def test_each_principle_takes_the_status_of_its_best_story() -> None:
    stories = [
        StoryFacts(1, ("ownership",), complete=False, average=None),
        StoryFacts(2, ("dive-deep", "ownership"), complete=True, average=None),
        StoryFacts(3, ("frugality",), complete=True, average=2.4),
        StoryFacts(4, ("earn-trust",), complete=True, average=3.0),
        StoryFacts(5, ("think-big",), complete=False, average=None),
    ]
    assert _cell(stories, "ownership") == (Status.WAITING, (1, 2), None)
    assert _cell(stories, "dive-deep") == (Status.WAITING, (2,), None)
    assert _cell(stories, "frugality") == (Status.WORK, (3,), 2.4)
    assert _cell(stories, "earn-trust") == (Status.STRONG, (4,), 3.0)
    assert _cell(stories, "think-big") == (Status.DRAFT, (5,), None)
    assert _cell(stories, "bias-for-action") == (Status.MISSING, (), None)
    assert coverage(stories).covered() == 5


def test_the_next_principle_is_the_most_asked_one_without_a_story() -> None:
    shown = coverage([StoryFacts(1, ("customer-obsession",), True, 3.5)])
    assert (shown.suggestion, shown.reason) == ("ownership", "it has no story yet")


def _all(average: float | None, complete: bool = True) -> list[StoryFacts]:
    return [StoryFacts(n, (p,), complete, average) for n, p in enumerate(PRINCIPLE_IDS, start=1)]


def test_with_every_principle_covered_a_draft_is_finished_first() -> None:
    stories = _all(3.5)
    stories[3] = StoryFacts(4, (PRINCIPLE_IDS[3],), False, None)
    shown = coverage(stories)
    assert (shown.suggestion, shown.reason) == (PRINCIPLE_IDS[3], "its story is not finished")


def test_then_the_weakest_reviewed_principle_is_strengthened() -> None:
    stories = _all(3.5)
    stories[9] = StoryFacts(10, ("frugality",), True, 1.5)
    stories[10] = StoryFacts(11, ("earn-trust",), True, 2.5)
    shown = coverage(stories)
    assert (shown.suggestion, shown.reason) == (
        "frugality",
        "its best story scored lowest in review",
    )


def test_when_everything_is_strong_a_second_story_is_suggested() -> None:
    shown = coverage(_all(3.5))
    assert shown.suggestion == "customer-obsession"
    assert shown.reason.startswith("interviewers often ask twice")
