"""`/story review` with no database: which story is handed out, skips, and the rubric."""

from __future__ import annotations

import pytest

from bot.app.registry import NoOptions, UserError
from bot.core.cards import Reply, Visibility, plain
from bot.features.story.review import NOTHING_WAITING, request_review, save_review, skip, take
from bot.features.story.skips import OUT_OF_SKIPS
from tests.fakes import FakeUnitOfWork
from tests.features.story.fakes import FakeStoryStore, story_uow, write
from tests.features.story.flow import COMMENTS, card_text, text_of

SCORES = "3 4 2 3 4"
SCORES_LINE = (
    "STAR structure 3/4 · Specificity 4/4 · Ownership (I, not we) 2/4 · "
    "Measurable result 3/4 · Fit to the principle 4/4"
)


def _ask(uow: FakeUnitOfWork, who: str) -> Reply:
    return request_review(uow.ctx(who), NoOptions())


def _offered(reply: Reply) -> str:
    return card_text(reply.messages[0].card).splitlines()[0]


def _labels(reply: Reply) -> list[str]:
    return [b.label for b in reply.messages[-1].card.buttons]


def _value(reply: Reply) -> str:
    return reply.messages[-1].card.buttons[0].value


def _review(uow: FakeUnitOfWork, who: str, scores: str, comments: str) -> Reply:
    value = _value(_ask(uow, who))
    take(uow.ctx(who), value)
    return save_review(uow.ctx(who), value, {"scores": scores, "comments": comments})


def _refusal(uow: FakeUnitOfWork, who: str, scores: str, comments: str) -> str:
    with pytest.raises(UserError) as refused:
        _review(uow, who, scores, comments)
    return plain(refused.value.text)


def test_nobody_is_handed_their_own_story() -> None:
    uow, _ = story_uow()
    write(uow, "author")
    assert text_of(_ask(uow, "author")).strip() == NOTHING_WAITING


def test_the_story_that_waited_longest_is_handed_out_first() -> None:
    uow, _ = story_uow()
    write(uow, "a", title="Older story")
    uow.clock.advance(hours=1)
    write(uow, "b", title="Newer story")
    assert _offered(_ask(uow, "rev")) == "Review this story: Older story"


def test_a_story_is_offered_by_title_and_principle_until_it_is_taken() -> None:
    uow, _ = story_uow()
    write(uow, "author")
    offered = _ask(uow, "rev")
    assert "**Principles:** Ownership" in text_of(offered)
    assert "You can skip 3 more stories today." in text_of(offered)
    assert _labels(offered) == ["Take it", "Skip this one"]
    taken = take(uow.ctx("rev"), _value(offered))
    assert "Score each from 1 to 4:" in text_of(taken)
    assert _labels(taken) == ["Write review", "Skip this one"]


def test_asking_again_hands_back_the_story_already_assigned() -> None:
    uow, _ = story_uow()
    write(uow, "a", title="Older story")
    uow.clock.advance(hours=1)
    first = _ask(uow, "rev")
    write(uow, "b", title="Newer story")
    assert _offered(_ask(uow, "rev")) == _offered(first) == "Review this story: Older story"


def test_a_draft_is_never_handed_out() -> None:
    uow, _ = story_uow()
    write(uow, "author", result="")
    assert text_of(_ask(uow, "rev")).strip() == NOTHING_WAITING


def test_a_skip_hands_out_the_next_story_and_never_the_skipped_one_again() -> None:
    uow, _ = story_uow()
    write(uow, "a", title="Older story")
    uow.clock.advance(hours=1)
    write(uow, "b", title="Newer story")
    after = skip(uow.ctx("rev"), _value(_ask(uow, "rev")))
    assert _offered(after) == "Review this story: Newer story"
    assert "You can skip 2 more stories today." in text_of(after)
    skip(uow.ctx("rev"), _value(after))
    assert text_of(_ask(uow, "rev")).strip() == NOTHING_WAITING


def _four_stories() -> tuple[FakeUnitOfWork, FakeStoryStore]:
    uow, store = story_uow()
    for number in range(1, 5):
        write(uow, "author", title=f"Story {number}")
        uow.clock.advance(minutes=1)
    return uow, store


def test_after_three_skips_a_day_the_offered_story_cannot_be_skipped() -> None:
    uow, _ = _four_stories()
    offered = _ask(uow, "rev")
    for _ in range(3):
        offered = skip(uow.ctx("rev"), _value(offered))
    assert _offered(offered) == "Review this story: Story 4"
    assert "You have no skips left today." in text_of(offered)
    assert _labels(offered) == ["Take it"]
    with pytest.raises(UserError) as refused:
        skip(uow.ctx("rev"), _value(offered))
    assert plain(refused.value.text) == OUT_OF_SKIPS


def test_skips_come_back_the_next_day() -> None:
    uow, _ = _four_stories()
    offered = _ask(uow, "rev")
    for _ in range(3):
        offered = skip(uow.ctx("rev"), _value(offered))
    uow.clock.advance(days=1)
    assert _labels(_ask(uow, "rev")) == ["Take it", "Skip this one"]


def test_a_substantive_review_earns_points_and_reaches_the_author_privately() -> None:
    uow, store = story_uow()
    write(uow, "author")
    sent = _review(uow, "rev", SCORES, COMMENTS)
    thanks, notice = sent.messages
    assert plain(thanks.card.title) == (
        "Thanks! Your review of Fixed the flaky ranking pipeline is on its way to the author."
    )
    assert plain(thanks.card.text) == "+10 points."
    assert (notice.visibility, notice.to_member) == (Visibility.DIRECT, "author")
    assert "**rev** reviewed it:" in plain(notice.card.text)
    assert [plain(f.value) for f in notice.card.fields] == [SCORES_LINE]
    assert store.points_of(uow.ctx("rev").member_id) == 10


def test_a_short_review_is_delivered_but_earns_nothing_and_says_why() -> None:
    uow, store = story_uow()
    write(uow, "author")
    thanks = _review(uow, "rev", SCORES, "Nice.").messages[0]
    assert plain(thanks.card.text) == (
        "Reviews earn points when the comments are at least 80 characters (yours: 5)."
    )
    assert store.points_of(uow.ctx("rev").member_id) == 0


def test_bad_scores_are_refused_with_the_comments_handed_back() -> None:
    uow, store = story_uow()
    write(uow, "author")
    refused = _refusal(uow, "rev", "3 4 9 3 4", COMMENTS)
    assert refused.startswith("9 is outside 1 to 4.")
    assert "Your comments, to paste again:\n> The Action is specific" in refused
    assert [r.status for r in store.reviews.values()] == ["open"]


def test_a_story_is_reviewed_once_by_each_reviewer() -> None:
    uow, _ = story_uow()
    write(uow, "author")
    value = _value(_ask(uow, "rev"))
    save_review(uow.ctx("rev"), value, {"scores": SCORES, "comments": COMMENTS})
    with pytest.raises(UserError) as refused:
        save_review(uow.ctx("rev"), value, {"scores": SCORES, "comments": ""})
    assert plain(refused.value.text) == "You already reviewed this story. Thank you!"
