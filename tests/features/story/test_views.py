"""`/story mine`, `/story show`, sharing a story and `/story settings`, through the hub."""

from __future__ import annotations

from bot.app.hub import ADMIN_ONLY, Hub
from bot.core.cards import Rich, UserText, Visibility, plain
from tests.conftest import actor
from tests.features.story.flow import press, text_of, write


def test_mine_lists_each_story_with_its_review_status(hub: Hub) -> None:
    assert text_of(hub.command_text(actor("u1"), "story", "mine")).strip() == (
        "You have no stories yet. Start one with `/story new principle:ownership`."
    )
    write(hub)
    write(hub, title="Half done", principles="principle:frugality second:earn-trust", task="")
    shown = text_of(hub.command_text(actor("u1"), "story", "mine"))
    assert "Your stories (2)" in shown
    assert (
        "**#1** Fixed the flaky ranking pipeline — Ownership · "
        "waiting for a reviewer · reviewed 0/2" in shown
    )
    assert (
        "**#2** Half done — Frugality, Earn Trust · draft: fill in all four parts to get reviews"
        in shown
    )
    assert "/story show story:N shows one · /story coverage maps all 16 principles" in shown


def test_show_prints_the_whole_story_over_cards_that_fit_discord(hub: Hub) -> None:
    long = dict.fromkeys(("situation", "action", "result"), "I measured 5 things. " * 140)
    write(hub, **long)
    reply = hub.command_text(actor("u1"), "story", "show story:1")
    assert len(reply.messages) >= 3
    assert all(len(plain(m.card.text)) <= 4096 for m in reply.messages)
    shown = text_of(reply)
    assert "Story #1: Fixed the flaky ranking pipeline" in shown
    for heading in ("**Situation**", "**Task**", "**Action**", "**Result**"):
        assert heading in shown
    assert "Reviews: 0 of 2 reviews" in shown
    assert "/story delete story:1 deletes it" in shown
    assert [b.label for b in reply.messages[-1].card.buttons] == ["Edit", "Share in channel"]


def test_a_member_cannot_open_another_members_story(hub: Hub) -> None:
    saved = write(hub, "u1")
    for label in ("Edit", "Show", "Share in channel"):
        assert "That story is not one of yours." in text_of(press(hub, "u2", saved, label))
    assert "You have no story #1." in text_of(
        hub.command_text(actor("u2"), "story", "show story:1")
    )


def test_story_text_is_member_text_that_never_pings(hub: Hub) -> None:
    write(hub, title="@everyone <!channel>", action="I pinged <@123> **loud**")
    reply = hub.command_text(actor("u1"), "story", "show story:1")
    title = reply.messages[0].card.title
    assert isinstance(title, Rich)
    assert UserText("@everyone <!channel>") in title.parts
    body = reply.messages[0].card.text
    assert isinstance(body, Rich)
    assert any(isinstance(p, UserText) and "<@123> **loud**" in p for p in body.parts)


def test_sharing_posts_the_story_in_the_channel_only_when_the_author_presses(hub: Hub) -> None:
    saved = write(hub)
    assert all(m.visibility is Visibility.EPHEMERAL for m in saved.messages)
    shared = press(hub, "u1", saved, "Share in channel")
    assert {m.visibility for m in shared.messages} == {Visibility.CHANNEL}
    shown = text_of(shared)
    assert "U1 shares a story: Fixed the flaky ranking pipeline" in shown
    assert "Shared by its author · write yours with /story new" in shown


def test_admins_set_how_many_reviews_a_story_wants(hub: Hub) -> None:
    refused = hub.command_text(actor("u1"), "story", "settings reviews:3")
    assert text_of(refused).strip() == ADMIN_ONLY
    boss = actor("boss", admin=True)
    shown = text_of(hub.command_text(boss, "story", "settings"))
    assert "Each story wants 2 reviews. Change it with `/story settings reviews:<1-5>`." in shown
    changed = text_of(hub.command_text(boss, "story", "settings reviews:3"))
    assert "Each story now wants 3 reviews." in changed
    assert "It goes to 3 reviewers" in text_of(write(hub))
    one = text_of(hub.command_text(boss, "story", "settings reviews:1"))
    assert "Each story now wants 1 review." in one
    too_many = text_of(hub.command_text(boss, "story", "settings reviews:9"))
    assert "`reviews` must be between 1 and 5." in too_many
