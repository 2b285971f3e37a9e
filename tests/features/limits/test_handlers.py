"""`/admin limits`: admins see and change the pace and the story cap; members cannot."""

from __future__ import annotations

import pytest

from bot.app.hub import ADMIN_ONLY, Hub
from bot.core.cards import Reply
from tests.conftest import actor
from tests.features.story.flow import text_of, write

BOSS = actor("boss", admin=True)
TOO_FAST = "You're going a bit fast. Try again in {wait}."


def said(reply: Reply) -> str:
    """Everything a reply shows, trimmed."""
    return text_of(reply).strip()


@pytest.fixture
def limited(limited_hub: Hub) -> Hub:
    """The hub as production builds it: 20 commands and presses a minute per member."""
    return limited_hub


def test_an_admin_sees_the_default_limits(limited: Hub) -> None:
    shown = said(limited.command_text(BOSS, "admin", "limits"))
    assert "This community's limits" in shown
    assert "20 a minute (the default) per member" in shown
    assert "50 live stories per member" in shown


@pytest.mark.parametrize("typed", ["limits", "limits rate:30", "limits stories:5"])
def test_a_member_cannot_see_or_change_the_limits(limited: Hub, typed: str) -> None:
    assert said(limited.command_text(actor("u1"), "admin", typed)) == ADMIN_ONLY
    shown = said(limited.command_text(BOSS, "admin", "limits"))
    assert "20 a minute (the default)" in shown and "50 live stories" in shown


def test_a_rate_set_by_an_admin_lets_members_go_faster_at_once(limited: Hub) -> None:
    shown = said(limited.command_text(BOSS, "admin", "limits rate:30"))
    assert "Limits changed" in shown and "30 a minute per member" in shown
    member = actor("u1")
    replies = [said(limited.command_text(member, "story", "mine")) for _ in range(31)]
    assert TOO_FAST.format(wait="2 seconds") not in replies[:30]
    assert replies[30] == TOO_FAST.format(wait="2 seconds")


def test_a_rate_of_0_turns_the_limit_off_for_the_community(limited: Hub) -> None:
    limited.command_text(BOSS, "admin", "limits rate:0")
    replies = [said(limited.command_text(actor("u1"), "story", "mine")) for _ in range(60)]
    assert not any("going a bit fast" in r for r in replies)
    assert "no limit per member" in said(limited.command_text(BOSS, "admin", "limits"))


def test_an_admin_lowers_the_story_cap_and_the_next_story_is_refused(limited: Hub) -> None:
    limited.command_text(BOSS, "admin", "limits stories:2")
    write(limited, "u1")
    write(limited, "u1")
    refused = said(limited.command_text(actor("u1"), "story", "new principle:ownership"))
    assert refused.startswith("You have 2 stories, the most one member can keep here.")


def test_another_communitys_limits_are_its_own(limited: Hub) -> None:
    limited.command_text(BOSS, "admin", "limits rate:0 stories:2")
    elsewhere = actor("boss", admin=True, community="g2")
    shown = said(limited.command_text(elsewhere, "admin", "limits"))
    assert "20 a minute (the default)" in shown and "50 live stories" in shown


def test_with_the_limit_turned_off_by_the_operator_the_admin_is_told_so(hub: Hub) -> None:
    shown = said(hub.command_text(BOSS, "admin", "limits rate:30"))
    assert "no limit (this bot's operator turned the pace limit off) per member" in shown
