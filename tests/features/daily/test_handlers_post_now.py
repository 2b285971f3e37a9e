"""`/question post-now` posts today's question once; a second time it says so instead."""

from __future__ import annotations

from bot.app.hub import Hub
from bot.core.cards import Visibility
from tests.conftest import actor
from tests.fakes import FakeClock
from tests.replies import reply_text

ADMIN = actor("boss", admin=True)


def test_a_second_post_now_tells_the_admin_privately_and_posts_nothing(hub: Hub) -> None:
    first = hub.command_text(ADMIN, "question", "post-now")
    title = first.messages[0].card.title.removeprefix("Question of the day: ")
    again = hub.command_text(ADMIN, "question", "post-now")
    assert [m.visibility for m in again.messages] == [Visibility.EPHEMERAL]
    assert reply_text(again).splitlines()[:2] == [
        "Today's question is already posted here",
        f"**{title}** was posted on Tue 1 Dec, 09:00 (UTC). Nothing was posted again.",
    ]


def test_the_posting_time_is_shown_in_the_sprints_zone(hub: Hub, clock: FakeClock) -> None:
    hub.command_text(ADMIN, "sprint", "start Prep start:2026-12-01 timezone:Asia/Kolkata")
    hub.command_text(ADMIN, "question", "post-now")
    assert "on Tue 1 Dec, 14:30 (Asia/Kolkata)." in reply_text(
        hub.command_text(ADMIN, "question", "post-now")
    )


def test_post_it_again_posts_the_same_question_in_the_channel(hub: Hub) -> None:
    first = hub.command_text(ADMIN, "question", "post-now").messages[0]
    [again] = hub.command_text(ADMIN, "question", "post-now").messages[0].card.buttons
    reposted = hub.press(ADMIN, again.action, again.value)
    assert [m.visibility for m in reposted.messages] == [Visibility.CHANNEL]
    assert reposted.messages[0].card.title == first.card.title


def test_a_member_cannot_post_it_again(hub: Hub) -> None:
    hub.command_text(ADMIN, "question", "post-now")
    [again] = hub.command_text(ADMIN, "question", "post-now").messages[0].card.buttons
    refused = hub.press(actor("u1"), again.action, again.value)
    assert reply_text(refused).strip() == "Only community admins can post the question."


def test_post_it_again_the_next_day_points_to_post_now(hub: Hub, clock: FakeClock) -> None:
    hub.command_text(ADMIN, "question", "post-now")
    [again] = hub.command_text(ADMIN, "question", "post-now").messages[0].card.buttons
    clock.advance(days=1)
    stale = reply_text(hub.press(ADMIN, again.action, again.value)).strip()
    assert stale == "That was an earlier question. `/question post-now` posts today's."


def test_post_now_on_the_next_day_posts_that_days_question(hub: Hub, clock: FakeClock) -> None:
    hub.command_text(ADMIN, "question", "post-now")
    clock.advance(days=1)
    posted = hub.command_text(ADMIN, "question", "post-now")
    assert posted.messages[0].visibility is Visibility.CHANNEL
