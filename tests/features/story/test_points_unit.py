"""Story points, no database: once per member, principle and sprint (or week), for a full story."""

from __future__ import annotations

from tests.features.story.fakes import story_uow, write
from tests.features.story.flow import text_of

ALREADY = "No points this time: you already earned story points for Ownership"


def test_a_complete_story_earns_its_points_and_says_so() -> None:
    uow, store = story_uow()
    shown = text_of(write(uow, "u1"))
    assert "Story #1 saved: Fixed the flaky ranking pipeline. +15 points." in shown
    assert store.points_of(uow.ctx("u1").member_id) == 15


def test_a_second_story_for_the_same_principle_in_a_week_earns_nothing_and_says_why() -> None:
    uow, store = story_uow()
    write(uow, "u1")
    shown = text_of(write(uow, "u1", title="Another one"))
    assert f"{ALREADY} this week." in shown
    assert store.points_of(uow.ctx("u1").member_id) == 15


def test_the_same_principle_earns_again_the_next_week() -> None:
    uow, store = story_uow()
    write(uow, "u1")
    uow.clock.advance(days=7)
    assert "+15 points." in text_of(write(uow, "u1"))
    assert store.points_of(uow.ctx("u1").member_id) == 30


def test_in_a_running_sprint_the_principle_earns_once_per_sprint() -> None:
    uow, store = story_uow()
    store.sprints = [7]
    write(uow, "u1")
    uow.clock.advance(days=7)
    assert f"{ALREADY} in this sprint." in text_of(write(uow, "u1"))
    store.sprints = [8]
    assert "+15 points." in text_of(write(uow, "u1"))


def test_a_story_for_another_principle_earns_its_own_points() -> None:
    uow, store = story_uow()
    write(uow, "u1")
    assert "+15 points." in text_of(write(uow, "u1", principle="dive-deep"))
    assert store.points_of(uow.ctx("u1").member_id) == 30


def test_an_unfinished_story_earns_nothing_and_names_what_is_missing() -> None:
    uow, store = story_uow()
    shown = text_of(write(uow, "u1", result=""))
    assert "No points yet: the check found the Result missing; points come" in shown
    assert "Reviewers get it once all four parts are filled in." in shown
    assert store.ledger == {}
